-- Driven by neovim.test.ts: Neovim's built-in LSP client opens main.go under READINESS_ROOT, waits for
-- Readiness's diagnostics, asks for code actions, applies the preferred quick fix, saves, and waits
-- for the diagnostics to clear. Everything it saw goes to READINESS_OUT as JSON.
local root = vim.env.READINESS_ROOT
local out = vim.env.READINESS_OUT
local result = { log = {} }
local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/main.go'))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'readiness',
    cmd = { vim.env.READINESS_NODE, vim.env.READINESS_SERVER, '--stdio' },
    root_dir = root,
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  local got = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnostics = vim.tbl_map(function(d)
    local lsp = (d.user_data or {}).lsp or {}
    return { line = d.lnum, col = d.col, message = d.message, source = d.source, code = lsp.code or d.code, href = (lsp.codeDescription or {}).href }
  end, vim.diagnostic.get(bufnr))
  if not got then result.error = 'no diagnostics within 30 s'; return end
  local d = vim.diagnostic.get(bufnr)[1]
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum) },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
  local actions = {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do table.insert(actions, action) end
  end
  result.actions = vim.tbl_map(function(a) return { title = a.title, kind = a.kind, preferred = a.isPreferred == true } end, actions)
  local preferred
  for _, action in ipairs(actions) do if action.isPreferred and action.edit then preferred = action; break end end
  if not preferred then result.error = 'no preferred quick fix'; return end
  vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
  vim.cmd('write')
  result.cleared = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
end)
if not ok then result.error = tostring(err) end
finish()
