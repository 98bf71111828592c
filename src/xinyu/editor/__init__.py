"""Editor support: `scaffold` (the kinds `xinyu new` knows, id checks), `templates` (the commented starting
texts), `write` (exclusive create or text insertion into a YAML list), `schema` and `titles` (JSON Schemas for
editors). The commands themselves are `xinyu.cli.new` and `xinyu.cli.schema`; nothing here imports the CLI."""
