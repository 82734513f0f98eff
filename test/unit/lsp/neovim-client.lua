-- Drives the language server from a real editor: headless Neovim 0.7 (Debian), built-in LSP client.
-- Writes what it saw as JSON to $CH_OUT, then quits.
local root, out = os.getenv('CH_ROOT'), os.getenv('CH_OUT')
local result = { initial = {}, actions = {}, typed = {} }

local function snapshot()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(list, { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, source = d.source,
      code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code })
  end
  return list
end

local id = vim.lsp.start_client({
  name = 'credential-hygiene',
  cmd = { os.getenv('CH_NODE'), os.getenv('CH_BIN'), 'lsp', '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
})
vim.lsp.buf_attach_client(0, id)
result.attached = vim.wait(20000, function() return #vim.diagnostic.get(0) >= 3 end, 50)
result.initial = snapshot()

-- The code actions for the line holding the access key id (line 6, 0-based 5), with the LSP diagnostics.
local lsp_diags = {}
for _, d in ipairs(vim.diagnostic.get(0, { lnum = 5 })) do
  local raw = d.user_data and d.user_data.lsp or {}
  table.insert(lsp_diags, {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    message = d.message, source = d.source, code = raw.code, data = raw.data,
  })
end
local params = {
  textDocument = vim.lsp.util.make_text_document_params(),
  range = { start = { line = 5, character = 0 }, ['end'] = { line = 5, character = 0 } },
  context = { diagnostics = lsp_diags },
}
local responses = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 10000) or {}
for _, resp in pairs(responses) do
  for _, action in ipairs(resp.result or {}) do table.insert(result.actions, action.title) end
end

-- Type a token into the buffer (an incremental didChange), then wait for its diagnostic.
vim.api.nvim_buf_set_lines(0, 12, 12, false, { 'const typed = "' .. os.getenv('CH_TYPED') .. '";' })
result.typed_seen = vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do if d.lnum == 12 then return true end end
  return false
end, 50)
result.typed = snapshot()

local f = io.open(out, 'w')
f:write(vim.fn.json_encode(result))
f:close()
vim.lsp.stop_client(id)
vim.cmd('qa!')
