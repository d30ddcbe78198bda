# The reference functions: the one list of them. Each is a logical ID of template.yaml and its Maven module.
# The Makefile's build targets, `make tune`, the tests' artifact layout (FunctionModules) and the benchmarks
# all read this file; a test checks it against template.yaml and reference-functions/pom.xml.
# `make add-reference-function NAME=<kebab-case>` adds a function here, in the template and as a module.
REFERENCE_FUNCTIONS := NoOpFunction CpuBoundFunction NetworkBoundFunction DynamoDbSerialFunction
module_NoOpFunction := reference-functions/no-op
module_CpuBoundFunction := reference-functions/cpu-bound
module_NetworkBoundFunction := reference-functions/network-bound
module_DynamoDbSerialFunction := reference-functions/dynamodb-serial
