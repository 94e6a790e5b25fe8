"""DuckDB storage: the only module that speaks SQL."""
