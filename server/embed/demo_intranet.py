"""The demo's sample intranet page, served on a second port by `porte-voix run` in a demo instance:
several share buttons beside approved articles, one beside an article the library does not hold, and a
page whose buttons arrive late (as a single-page application adds them).

    python -m server.embed.demo_intranet --port 5001 --server http://127.0.0.1:5000
"""

import argparse
import json
import signal
from html import escape

from werkzeug.serving import run_simple
from werkzeug.wrappers import Request, Response

from server.library.demo_content import LINKS

NOT_IN_LIBRARY = "https://www.acme-energie.example/actualites/cantine-bio-lyon"

STYLE = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; margin: 0; background: #f4f1ea; color: #222; }
header { background: #1b3a4b; color: #fff; padding: 12px 24px; display: flex; gap: 24px; align-items: baseline;
  flex-wrap: wrap; }
header strong { font-size: 20px; } header a { color: #cfe3ee; }
main { max-width: 760px; margin: 24px auto; padding: 0 16px; }
article { background: #fff; border: 1px solid #ddd6c8; border-radius: 4px; padding: 16px 20px; margin-bottom: 16px; }
article h2 { margin: 0 0 8px; font-size: 20px; } .meta { color: #6b6457; font-size: 14px; }
.actions { display: flex; gap: 12px; align-items: center; margin-top: 12px; flex-wrap: wrap; }
.note { font-size: 14px; color: #6b6457; }
"""


def _page(lang, title, server, body, script=""):
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{STYLE}</style>
<script src="{escape(server)}/widget.js" async></script>
</head>
<body>
<header><strong>Acme Énergie · Intranet</strong><a href="/">Actualités</a><a href="/late">Chargement tardif</a>
<a href="/en">In English</a></header>
<main>
<h1>{escape(title)}</h1>
{body}
</main>
{script}
</body>
</html>"""


def _article(url, title, summary, extra="", options=""):
    return f"""<article>
<h2>{escape(title)}</h2>
<p class="meta">{escape(url)}</p>
<p>{escape(summary)}</p>
<div class="actions"><div data-pv-share data-url="{escape(url)}"{options}></div>{extra}</div>
</article>"""


def news_page(server, lang="fr"):
    """The intranet's news: three approved articles, and one the library does not hold."""
    french = lang == "fr"
    picked = [link for link in LINKS if link[4] == lang][:3] or LINKS[:3]
    articles = [_article(url, title, summary) for url, title, summary, *_rest in picked]
    articles.append(_article(
        NOT_IN_LIBRARY, "La cantine de Lyon passe au bio" if french else "The Lyon canteen goes organic",
        "Une actualité interne que la communication n'a pas encore approuvée." if french else
        "An internal news item the communication team has not approved yet.",
        f'<span class="note">{"Pas encore dans la bibliothèque" if french else "Not in the library yet"}</span>'))
    intro = ("<p class=\"note\">Page d'exemple : chaque bouton est ajouté par deux lignes de HTML. Rien n'est "
             "demandé à Porte-Voix avant un clic.</p>" if french else
             "<p class=\"note\">Sample page: each button comes from two lines of HTML. Nothing is requested from "
             "Porte-Voix before a click.</p>")
    return _page(lang, "Actualités du groupe" if french else "Group news", server, intro + "\n".join(articles))


def late_page(server):
    """A page that adds its buttons a moment after loading, as a single-page application does."""
    url, title, summary = LINKS[1][0], LINKS[1][1], LINKS[1][2]
    body = ('<p class="note">Le bouton ci-dessous arrive 1 seconde après le chargement de la page, et un élément '
            '&lt;pv-share&gt; le suit.</p><div id="late"></div>')
    script = f"""<script>
setTimeout(function () {{
  var late = document.getElementById("late");
  late.innerHTML = {_js(_article(url, title, summary, options=' data-size="large"'))};
  var article = late.querySelector("article");
  var element = document.createElement("pv-share");
  element.setAttribute("url", {_js(LINKS[0][0])});
  element.setAttribute("data-label", "Partager l'autre article");
  article.querySelector(".actions").append(element);
}}, 1000);
</script>"""
    return _page("fr", "Chargement tardif", server, body, script)


def _js(text):
    return json.dumps(text).replace("</", "<\\/")


def intranet_app(server):
    """The sample intranet as a WSGI application whose buttons load the loader from `server`."""
    server = server.rstrip("/")
    pages = {"/": lambda: news_page(server, "fr"), "/en": lambda: news_page(server, "en"),
             "/late": lambda: late_page(server)}

    def application(environ, start_response):
        request = Request(environ)
        page = pages.get(request.path)
        response = (Response(page(), mimetype="text/html") if page is not None
                    else Response("Not found", status=404, mimetype="text/plain"))
        return response(environ, start_response)

    return application


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--server", required=True, help="Porte-Voix's address, e.g. http://127.0.0.1:5000")
    options = parser.parse_args(argv)
    # Stop on Ctrl-C even when started in the background (which ignores SIGINT), and on SIGTERM.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    run_simple(options.host, options.port, intranet_app(options.server), threaded=True)


if __name__ == "__main__":
    main()
