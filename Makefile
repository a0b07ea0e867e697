# Shortcuts for scripts/dev.py, which also runs on Windows without make.
.PHONY: setup demo test

setup:
	python3 scripts/dev.py setup

demo:
	python3 scripts/dev.py demo

test:
	python3 scripts/dev.py test
