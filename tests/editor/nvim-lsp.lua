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
-- CHECKOUT_LINT_EDIT="old=new": types over the first `old` in the buffer (Neovim sends the
-- change incrementally, as a range), and waits for the diagnostics of the new version.
local function shown()
  local places = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(places, string.format("%d:%d", d.lnum, d.col))
  end
  return table.concat(places, " ")
end
local edit = os.getenv("CHECKOUT_LINT_EDIT")
if edit and edit ~= "" then
  local old, new = edit:match("^(.-)=(.*)$")
  local before = shown()
  for row, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    local col = line:find(old, 1, true)
    if col then
      vim.api.nvim_buf_set_text(0, row - 1, col - 1, row - 1, col - 1 + #old, { new })
      break
    end
  end
  vim.wait(10000, function()
    return shown() ~= before
  end, 50)
end
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
