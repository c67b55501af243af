"""Tracked links: /s/<code> redirects to the approved URL with UTM parameters naming the campaign and the
network (never a person), and counts the click unless a robot or a prefetch made it."""


def init_app(app):
    from server.shares.presenting import register_click_counter
    from server.tracking import routes
    from server.tracking.hot_path import TrackedLinks
    from server.tracking.service import click_counts

    app.register_blueprint(routes.bp)
    register_click_counter(app, click_counts)
    # In front of everything else (ProxyFix included: the middleware applies it to itself when configured).
    app.wsgi_app = TrackedLinks(app.wsgi_app, app, proxy_count=app.config["PROXY_COUNT"],
                                secure=app.config["SESSION_COOKIE_SECURE"])
