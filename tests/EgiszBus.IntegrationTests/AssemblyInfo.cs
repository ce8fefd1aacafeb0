// Whole-flow tests start hubs, emulators and databases: run test classes two at a time on the 2-core CI machine.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
