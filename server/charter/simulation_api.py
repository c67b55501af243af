"""The charter simulator in the JSON API: start a simulation of a draft, follow its progress, read its summary."""

from datetime import datetime

from flask import g
from flask_smorest import Blueprint

from schemas.charter_simulations import SimulationRequestSchema, SimulationSchema
from server.auth.roles import Role, access
from server.charter import simulator, versions

blp = Blueprint("charter_simulation_api", __name__, url_prefix="/api/v1",
                description="What a draft charter would have done to past shares.")


@blp.route("/charter/simulations", methods=["POST"])
@blp.arguments(SimulationRequestSchema)
@blp.response(201, SimulationSchema)
@access(Role.ADMIN)
def start(body):
    """Replay past shares against a draft and the version in force (finished at once when there are few)."""
    since = datetime.combine(body["since"], datetime.min.time()) if body["since"] else None
    return simulator.start_simulation(g.user, versions.parse_document(body["document"]), since=since)


@blp.route("/charter/simulations/<int:simulation_id>", methods=["GET"])
@blp.response(200, SimulationSchema)
@access(Role.ADMIN)
def progress(simulation_id):
    """A simulation's progress and, once done, its summary."""
    return simulator.get_simulation(simulation_id)
