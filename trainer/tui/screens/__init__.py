"""One module per screen; their styles are in the app's one stylesheet, app.tcss, scoped by screen."""
