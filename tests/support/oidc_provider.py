"""A small but real OpenID Connect provider for the sign-in tests.

It serves discovery, authorize (consenting at once for `next_claims`), token (checking the code, the
redirect URI, the client and the PKCE S256 verifier), JWKS and userinfo, and signs ID tokens with RS256.
Knobs let a test tamper with what it issues (`id_token_overrides`, `sign_with_foreign_key`,
`discovery_overrides`).
"""

import base64
import hashlib
import secrets
import time

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask, jsonify, redirect, request

from tests.support.servers import ServerThread


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class OpenIDProvider:
    def __init__(self, client_id="porte-voix", client_secret="s3cret"):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.foreign_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        self.next_claims = {"sub": "u-1", "email": "camille@acme.example", "email_verified": True,
                            "name": "Camille Durand", "department": "Ingénierie"}
        self.id_token_overrides = {}
        self.discovery_overrides = {}
        self.sign_with_foreign_key = False
        self.codes = {}
        self.token_requests = []
        self.authorize_requests = []
        self.server = None

    # -- lifecycle ---------------------------------------------------------------------------------------
    def __enter__(self):
        self.server = ServerThread(self._app()).__enter__()
        self.issuer = self.server.url
        return self

    def __exit__(self, *exc):
        self.server.__exit__(*exc)

    @property
    def discovery_url(self):
        return self.issuer + "/.well-known/openid-configuration"

    # -- protocol ----------------------------------------------------------------------------------------
    def _id_token(self, claims, nonce):
        now = int(time.time())
        payload = {"iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + 300, "nonce": nonce,
                   **claims, **self.id_token_overrides}
        key = self.foreign_key if self.sign_with_foreign_key else self.key
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": self.kid})

    def _app(self):
        app = Flask("oidc-provider")

        @app.get("/.well-known/openid-configuration")
        def discovery():
            document = {"issuer": self.issuer, "authorization_endpoint": self.issuer + "/authorize",
                        "token_endpoint": self.issuer + "/token", "jwks_uri": self.issuer + "/jwks",
                        "userinfo_endpoint": self.issuer + "/userinfo", "response_types_supported": ["code"],
                        "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
                        "code_challenge_methods_supported": ["S256"]}
            return jsonify({**document, **self.discovery_overrides})

        @app.get("/authorize")
        def authorize():
            args = request.args
            self.authorize_requests.append(dict(args))
            if args.get("client_id") != self.client_id or args.get("response_type") != "code":
                return jsonify(error="invalid_request"), 400
            if args.get("code_challenge_method") != "S256" or not args.get("code_challenge"):
                return jsonify(error="invalid_request", error_description="PKCE S256 required"), 400
            code = secrets.token_urlsafe(16)
            self.codes[code] = {"challenge": args["code_challenge"], "redirect_uri": args["redirect_uri"],
                                "nonce": args.get("nonce"), "claims": dict(self.next_claims)}
            return redirect(f"{args['redirect_uri']}?code={code}&state={args['state']}")

        @app.post("/token")
        def token():
            form = request.form
            self.token_requests.append(dict(form))
            grant = self.codes.pop(form.get("code"), None)
            if form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret:
                return jsonify(error="invalid_client"), 401
            if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
                return jsonify(error="invalid_grant"), 400
            verifier = form.get("code_verifier", "")
            if _b64(hashlib.sha256(verifier.encode()).digest()) != grant["challenge"]:
                return jsonify(error="invalid_grant", error_description="PKCE verification failed"), 400
            access = secrets.token_urlsafe(16)
            self.codes["access:" + access] = grant
            return jsonify(access_token=access, token_type="Bearer", expires_in=300,
                           id_token=self._id_token(grant["claims"], grant["nonce"]))

        @app.get("/jwks")
        def jwks():
            public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
            return jsonify(keys=[{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}])

        @app.get("/userinfo")
        def userinfo():
            access = request.headers.get("Authorization", "").removeprefix("Bearer ")
            grant = self.codes.get("access:" + access)
            if grant is None:
                return jsonify(error="invalid_token"), 401
            return jsonify(grant["claims"])

        return app
