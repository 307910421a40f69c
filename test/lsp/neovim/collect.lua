-- Test driver, run after init.lua has attached the server: waits (bounded) for the current buffer's diagnostics,
-- writes them as JSON to $POSTMORTEM_NVIM_OUT and quits.
local received = vim.wait(20000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)

local result = { timeout = not received, diagnostics = {} }
for _, diagnostic in ipairs(vim.diagnostic.get(0)) do
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
  table.insert(result.diagnostics, {
    code = diagnostic.code or lsp.code,
    line = diagnostic.lnum,
    severity = diagnostic.severity,
    source = diagnostic.source,
    message = diagnostic.message,
  })
end

local file = assert(io.open(os.getenv('POSTMORTEM_NVIM_OUT'), 'w'))
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qall!')
