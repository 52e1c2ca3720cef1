from mlops_scaffold.cli import main

main()
