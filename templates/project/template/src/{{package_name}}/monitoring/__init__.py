"""Monitoring of the served model: `python -m <package>.monitoring.drift LOGFILE`."""
