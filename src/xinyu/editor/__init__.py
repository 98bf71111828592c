"""Editor support: `scaffold` (finding a kind's `EditorSpec`, id checks; the templates live with the kinds),
`write` (exclusive create or text insertion into a YAML list), `schema` and `titles` (JSON Schemas for
editors). The commands themselves are `xinyu.cli.new` and `xinyu.cli.schema`; nothing here imports the CLI."""
