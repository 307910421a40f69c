-- Postmortem Studio's language server in Neovim 0.7 and later. `postmortem-language-server` (this package's bin)
-- must be on PATH; Neovim 0.8+ may pass the same table to vim.lsp.start instead.
local client_id

local function attach(args)
  client_id = client_id or vim.lsp.start_client({
    name = 'postmortem',
    cmd = { 'postmortem-language-server', '--stdio' },
    root_dir = vim.fn.getcwd(),
    -- The server checks Markdown and plain text; Neovim's filetype for plain text is "text".
    get_language_id = function(_, filetype)
      return filetype == 'text' and 'plaintext' or filetype
    end,
    settings = { postmortem = { debounce = 150 } },
  })
  if client_id then
    vim.lsp.buf_attach_client(args.buf, client_id)
  end
end

vim.api.nvim_create_autocmd('FileType', { pattern = { 'markdown', 'text' }, callback = attach })
