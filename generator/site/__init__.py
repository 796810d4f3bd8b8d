"""The site: where records live, which pages there are, and their Markdown (pure, no MkDocs)."""
