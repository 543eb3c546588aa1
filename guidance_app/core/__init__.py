"""The content model, loading and validation, wizard engine and search. Never imports Qt."""
