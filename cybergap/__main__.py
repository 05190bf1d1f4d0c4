from cybergap.cli import main

main()
