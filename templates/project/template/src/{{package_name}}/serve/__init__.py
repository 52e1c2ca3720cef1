"""The prediction service: `uvicorn <package>.serve.app:app` serves models/model.onnx over HTTP."""
