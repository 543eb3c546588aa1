"""Reading files safely: regular files only, size caps, UTF-8 with positions, safe YAML."""
