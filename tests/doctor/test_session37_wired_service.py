"""Session 37: what satisfies a service check must be wired into the service that runs. A
`/metrics` route that returns what a function of the service answers as a JSON object gives
no request metrics (MON002); a probe of a Helm chart's dependency polls that dependency,
not the service (SERVE002)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import committed_status

# A FastAPI app that predicts with a model it loads, with no metrics of its own.
API = (
    "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\nmodel = joblib.load('m')\n\n\n"
    "@app.post('/predict')\ndef predict(x: float) -> dict:\n"
    "    return {'prediction': float(model.predict([[x]])[0])}\n"
)


RUN_SCORES = (
    "def latest_scores():\n    run = find_run()\n    if run is None:\n"
    "        return {'error': 'no run'}\n    return {'run': run.id, 'scores': run.scores}\n"
)
METRICS_ROUTE = "\n\n@app.get('/metrics')\ndef metrics():\n    return {answer}\n"


def test_a_metrics_route_answering_a_functions_dict_gives_no_metrics(tmp_path: Path) -> None:
    api = (
        "from demo.scores import latest_scores\n"
        + API
        + METRICS_ROUTE.format(answer="latest_scores()")
    )
    tree = {**PACKAGE, "src/demo/scores.py": RUN_SCORES, "src/demo/main.py": api}
    assert committed_status(tmp_path, tree, "MON002") == "failed"


def test_a_metrics_route_answering_a_functions_text_gives_metrics(tmp_path: Path) -> None:
    exposition = "def exposition():\n    return render_counters()\n"
    api = "from demo.scores import exposition\n" + API + METRICS_ROUTE.format(answer="exposition()")
    tree = {**PACKAGE, "src/demo/scores.py": exposition, "src/demo/main.py": api}
    assert committed_status(tmp_path, tree, "MON002") == "passed"


ROOT_ROUTE = "\n\n@app.get('/')\ndef index():\n    return templates.render('index.html')\n"
PROBE = (
    "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
    "        - name: app\n          image: {image}\n          livenessProbe:\n"
    "            httpGet:\n              path: /\n              port: 8000\n"
)
CHART = "apiVersion: v2\nname: {name}\nversion: 1.0.0\n"


def test_a_probe_of_the_services_chart_polls_its_route(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        "src/demo/main.py": API + ROOT_ROUTE,
        "deploy/app/Chart.yaml": CHART.format(name="app"),
        "deploy/app/templates/deployment.yaml": PROBE.format(image="demo:latest"),
    }
    assert committed_status(tmp_path, tree, "SERVE002") == "passed"


def test_a_probe_of_a_subchart_polls_the_dependency(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        "src/demo/main.py": API + ROOT_ROUTE,
        "deploy/stack/Chart.yaml": CHART.format(name="stack"),
        "deploy/stack/charts/dashboards/Chart.yaml": CHART.format(name="dashboards"),
        "deploy/stack/charts/dashboards/templates/deployment.yaml": PROBE.format(
            image="dashboards:11"
        ),
    }
    assert committed_status(tmp_path, tree, "SERVE002") == "failed"
