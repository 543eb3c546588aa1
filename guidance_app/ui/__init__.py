"""The Qt desktop app. Imports core; core never imports this package.

`app` starts it; `main_window` is the window, with `top_bar`, `page_stack` and, as its base
class, `training_actions`; `pages/` holds what the window shows. `reading`, `widgets`, `dialogs`,
`pdf`, `kiosk`, `background`, `settings` and `theme` serve them all and import no page and not
the window.
"""
