-- Attaches `checkout-lint lsp` to the current buffer in a headless Neovim, waits for its
-- diagnostics and writes them out as "rule line col" (0-based line, byte column) lines.
local bin = os.getenv("CHECKOUT_LINT_BIN")
local out = os.getenv("CHECKOUT_LINT_OUT")
local client_id = vim.lsp.start_client({
  name = "checkout-lint",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(0, client_id)
vim.wait(10000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(lines, string.format("%s %d %d", tostring(code), d.lnum, d.col))
end
table.sort(lines)
vim.fn.writefile(lines, out)
vim.cmd("qa!")
