# Sourced: compiles bench/common plus one scenario's client into bench/results/classes.
compile_client() {
  rm -rf bench/results/classes
  javac -d bench/results/classes bench/common/Load.java "$@"
}
