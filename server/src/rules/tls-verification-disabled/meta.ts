import { defineRuleMeta } from '../../engine/rule';

export default defineRuleMeta({
  id: 'tls-verification-disabled',
  title: 'TLS certificate verification switched off',
  defaultSeverity: 'error',
  category: 'Security & auth',
  appliesToTests: false,
  fixable: true,
  messages: {
    disabled: '{setting} turns off TLS certificate verification, so anyone on the network path can impersonate the server and read or change the traffic. Remove it or set the secure value; trust a private CA explicitly instead.',
    hostname: '{setting} accepts certificates issued for other hosts, so any valid certificate can impersonate this server. Remove it.',
    rustAlwaysAccept: '{verifier} accepts every certificate without checking it, so anyone on the network path can impersonate the {peer} and read or change the traffic. Verify the chain (e.g. with rustls\' WebPkiVerifier) or remove the custom verifier.',
    alwaysAccept: '`VerifyPeerCertificate` returns nil without checking anything; with `InsecureSkipVerify` it accepts any certificate. Verify the chain or remove the callback.',
    envConfig: '`NODE_TLS_REJECT_UNAUTHORIZED={value}` turns off certificate verification for every HTTPS request of the Node process. Remove it; trust a private CA with `NODE_EXTRA_CA_CERTS` instead.',
  },
});
