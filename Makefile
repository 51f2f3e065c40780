.PHONY: setup run test lint bench
setup:
	scripts/setup.sh
run:
	scripts/run.sh
test:
	scripts/test.sh
lint:
	scripts/setup.sh && scripts/lint.sh
bench:
	scripts/setup.sh && scripts/bench.sh
