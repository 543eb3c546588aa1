"""The Qt desktop app. Imports core; core never imports this package."""
