import { strict as assert } from 'node:assert';
import { environmentNameFor, nameWords, SECRET_NAME_TEXT, SecretNames } from '../../server/src/rules/shared/secret-names';
import { DefaultValues, isPlaceholderOrReference, looksGenerated, shannonEntropy } from '../../server/src/rules/shared/secret-values';

describe('secret names', () => {
  const model = new SecretNames();

  it('splits names on separators, camelCase, acronyms and digits', () => {
    assert.deepEqual(nameWords('db_password'), ['db', 'password']);
    assert.deepEqual(nameWords('X-Api-Key'), ['x', 'api', 'key']);
    assert.deepEqual(nameWords('auth.token'), ['auth', 'token']);
    assert.deepEqual(nameWords('sessionToken'), ['session', 'token']);
    assert.deepEqual(nameWords('JWTSecret'), ['jwt', 'secret']);
    assert.deepEqual(nameWords('AWSAccessKeyID'), ['aws', 'access', 'key', 'id']);
    assert.deepEqual(nameWords('password2'), ['password', '2']);
    assert.deepEqual(nameWords('OAuth2Token'), ['o', 'auth', '2', 'token']);
    assert.deepEqual(nameWords('__init__'), ['init']);
  });

  const secret = [
    'password', 'PASSWORD', 'db_password', 'dbPassword', 'DB_PASSWD', 'pwd', 'passphrase', 'client_secret', 'clientSecret',
    'JWT_SECRET', 'jwtSecret', 'auth_token', 'authToken', 'sessionToken', 'session_id', 'sessionId', 'SESSION_KEY',
    'api_key', 'apiKey', 'X_API_KEY', 'apikey', 'APIKEY', 'private_key', 'privateKey', 'credentials', 'creds',
    'bearer', 'authorization', 'cookie', 'db_key', 'signing_key', 'aws_access_key', 'otp', 'API_TOKENS',
    'accesstoken', 'dbpassword', 'adminpassword', 'oauthtoken', 'secrets', 'refresh_token', 'githubToken',
    'password2', 'admin_password', 'smtp_password', 'masterkey', 'API__KEY', 'mysqlpwd',
  ];
  const notSecret = [
    'token_count', 'max_tokens', 'maxTokens', 'password_min_length', 'PASSWORD_MIN_LENGTH', 'token_path',
    'TOKEN_HEADER_NAME', 'tokenizer', 'tokenize', 'tokens', 'input_tokens', 'prompt_tokens', 'next_token',
    'nextPageToken', 'page_token', 'userSecretsPath', 'secret_name', 'secretName', 'secretKeyRef', 'token_type',
    'tokenType', 'passwordField', 'password_file', 'token_url', 'TOKEN_ENDPOINT', 'token_expiry', 'tokenTTL',
    'routeTokens', 'TokenFetchErrors', 'token_fail_reason', 'is_token_valid', 'hasPassword', 'groupWrite',
    'keyboard', 'monkey', 'hotkey', 'primary_key', 'foreign_key', 'cache_key', 'passenger', 'secretary',
    'GrantTypePassword', 'PWD', 'token_id', 'password_policy', 'cookie_name', 'SECRET_ENV_VAR', 'passwordRegex',
    'lexer_token', 'eof_token', '', 'authenticate', 'author', 'starting_token', 'startingToken', 'acquire_token',
    'semaphore_token', 'token_range',
  ];

  for (const name of secret) {
    it(`${name} is secret-named`, () => assert.equal(model.isSecretName(name), true));
  }
  for (const name of notSecret) {
    it(`${name || '(empty)'} is not secret-named`, () => assert.equal(model.isSecretName(name), false));
  }

  it('finds every secret name in text with its pre-filter pattern', () => {
    for (const name of secret) assert.match(`let ${name} = x;`, SECRET_NAME_TEXT, name);
  });

  it('takes words added by the user, and ignores built-in words and whole names', () => {
    const adjusted = new SecretNames({ add: ['pin', 'hmac key', 'dsn'], ignore: ['cookie', 'SESSION_TOKEN'] });
    assert.equal(adjusted.isSecretName('card_pin'), true);
    assert.equal(adjusted.isSecretName('hmacKey'), true);
    assert.equal(adjusted.isSecretName('SENTRY_DSN'), true);
    assert.equal(adjusted.isSecretName('cookie'), false);
    assert.equal(adjusted.isSecretName('session_token'), false);
    assert.equal(adjusted.isSecretName('sessionToken'), false);
    assert.equal(adjusted.isSecretName('auth_token'), true);
    assert.equal(model.isSecretName('card_pin'), false);
  });

  it('names the phrase that made a name secret', () => {
    assert.equal(model.secretPhrase('X_API_KEY'), 'api key');
    assert.equal(model.secretPhrase('db_password'), 'password');
    assert.equal(model.secretPhrase('token_count'), 'token');
  });

  it('derives the environment variable from a binding', () => {
    assert.equal(environmentNameFor('authToken'), 'AUTH_TOKEN');
    assert.equal(environmentNameFor('cfg.db_password'), 'DB_PASSWORD');
    assert.equal(environmentNameFor('self.api_key'), 'API_KEY');
    assert.equal(environmentNameFor('JWT_SECRET'), 'JWT_SECRET');
    assert.equal(environmentNameFor('Config::secretKey'), 'SECRET_KEY');
  });
});

describe('secret values', () => {
  it('knows the defaults, case-insensitively, with the user’s additions and exceptions', () => {
    const defaults = new DefaultValues({ add: ['hunter2'], ignore: ['admin'] });
    for (const value of ['devtoken', 'dev-token', 'ChangeMe', 'change-me', 'password', 'Passw0rd', 'secret', 'root', 'test', 'default', 'example', '123456', 'qwerty', 'letmein', 'your-secret-here', 'xxx', 'hunter2']) {
      assert.equal(defaults.isDefault(value), true, value);
    }
    for (const value of ['', 'admin', 'k8s-prod-7f3a', 'correct horse battery staple', 'password'.repeat(10)]) {
      assert.equal(defaults.isDefault(value), false, value);
    }
  });

  it('recognises masks, templates and references', () => {
    for (const value of ['*******', 'REDACTED', '[REDACTED]', '${DB_PASSWORD}', '$DB_PASSWORD', '{{ .Values.db.password }}', '<your-key>', 'xxxxxxxxxxxxxxxx', '%(password)s', 'vault:secret/data/api#token', 'arn:aws:secretsmanager:eu-west-1:1:secret:x', 'your-api-key-here']) {
      assert.equal(isPlaceholderOrReference(value), true, value);
    }
    for (const value of ['devtoken', 'hunter2', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '']) {
      assert.equal(isPlaceholderOrReference(value), false, value);
    }
  });

  it('measures entropy and tells generated secrets from words, paths, UUIDs and hashes', () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.equal(looksGenerated('wJalrXUtnFEMI/K7MDENG/bPxRfiCYzXqLsT0kE9'), true);
    assert.equal(looksGenerated('q7Zk2LxV9pN4wR8tY3mB6cF1'), true);
    for (const value of ['short-Zk2Lx', 'public_tokens.route', 'inf-secret-id', '123e4567-e89b-12d3-a456-426614174000', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'sha512-Q3ZlcnkgbG9uZyBpbnRlZ3JpdHkgc3RyaW5nIGZvciB0ZXN0aW5n==', '/var/run/secrets/kubernetes.io/token', 'this is a sentence with words', 'https://example.com/oauth/token', 'aaaaaaaaaaaaaaaaaaaaaaaa']) {
      assert.equal(looksGenerated(value), false, value);
    }
  });
});
