# The README's two commands: `make demo` (set up, demo data, start) and `make test`.
.PHONY: setup demo test check

.venv/.installed: requirements.txt requirements-dev.txt
	bash scripts/setup
	touch .venv/.installed

setup: .venv/.installed

demo: setup
	.venv/bin/python run_gui_ru.py --demo-if-empty

test: setup
	bash scripts/check
