"""Every HTML the app shows or prints, built from core objects (Qt's rich-text subset)."""
