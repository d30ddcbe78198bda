# coldbrew: one Makefile for the build, the tests and every SAM `build-<LogicalId>` target.
# SAM runs `make build-<LogicalId> ARTIFACTS_DIR=<dir>` in a copy of CodeUri (the repository root).

SHELL := /bin/bash
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
JAVA_HOME := $(shell "$(ROOT)/build/find-jdk.sh" 21)
ifeq ($(JAVA_HOME),)
$(error No JDK 21 or newer found (JAVA_HOME, then /usr/lib/jvm); coldbrew builds for Lambda java21/java25)
endif
export JAVA_HOME
MVN := "$(ROOT)/mvnw" -B -q -f "$(ROOT)/pom.xml"
# Versions as the root pom.xml sets them (read when a target needs them).
pom_value = $(shell sed -n 's:.*<$(1)>\(.*\)</$(1)>.*:\1:p' "$(ROOT)/pom.xml" | head -1)
COLDBREW_VERSION = $(call pom_value,version)
ARCHETYPE_PLUGIN_VERSION = $(call pom_value,archetype-plugin.version)
# Where `make build` assembles what Lambda loads, one directory per template resource.
LAMBDA_OUT := $(ROOT)/target/lambda
# REFERENCE_FUNCTIONS and module_<LogicalId>: the function registry.
include $(ROOT)/functions.mk

.PHONY: build test clean deploy package assemble images image-aws-base advise bench-coldstart bench-ablation bench-tuning tune install local bench-local add-reference-function $(addprefix build-,SharedLayer $(REFERENCE_FUNCTIONS))

# Lambda's limit is 250 MB unzipped; ours is stricter: a function holds only its own classes.
MAX_FUNCTION_KB := 100

## build: compile everything and assemble every Lambda artifact under target/lambda/<LogicalId>
build: package assemble

package:
	$(MVN) install -DskipTests

assemble:
	@for id in SharedLayer $(REFERENCE_FUNCTIONS); do \
	  rm -rf "$(LAMBDA_OUT)/$$id"; \
	  $(MAKE) --no-print-directory -s -f "$(ROOT)/Makefile" build-$$id ARTIFACTS_DIR="$(LAMBDA_OUT)/$$id" PACKAGED=1 || exit 1; \
	done
	@for id in SharedLayer $(REFERENCE_FUNCTIONS); do \
	  bytes=$$(find "$(LAMBDA_OUT)/$$id" -type f -printf '%s\n' | awk '{s+=$$1} END {print s}'); \
	  awk -v id="$$id" -v b="$$bytes" 'BEGIN {printf "  %-24s %9.1f KB\n", id, b / 1024}'; \
	  if [ "$$id" != SharedLayer ] && [ "$$bytes" -gt $$(( $(MAX_FUNCTION_KB) * 1024 )) ]; then \
	    echo "$$id is over $(MAX_FUNCTION_KB) KB: dependencies belong in the shared layer (provided scope)" >&2; exit 1; \
	  fi; \
	done

## test: build everything (the container image too, as root), run every test (unit, DynamoDB Local, local HTTP endpoint), assemble and
## size-check the Lambda artifacts, lint the templates when cfn-lint is installed, and end with the
## test counts from the reports (Maven runs quietly); fails if a test failed or none ran
TEST_SUMMARY := "$(ROOT)/build/test-summary.sh"
test:
	@"$(ROOT)/build/test-summary-test.sh"
	@$(TEST_SUMMARY) --clear "$(ROOT)"
	@# The image first, so that the image tests below check the one these sources build.
	@if [ "$$(id -u)" = 0 ]; then $(MAKE) --no-print-directory -f "$(ROOT)/Makefile" images; \
	else echo "  make images needs root (training runs the image in a chroot): the image is not built, its tests skip"; fi
	$(MVN) install || { $(TEST_SUMMARY) "$(ROOT)"; exit 1; }
	$(MAKE) --no-print-directory -f "$(ROOT)/Makefile" assemble
	@if command -v cfn-lint >/dev/null 2>&1; then \
	  cfn-lint "$(ROOT)/template.yaml" "$(ROOT)/provisioned-concurrency/autoscaling.yaml" && echo "  cfn-lint: no errors"; \
	else echo "  cfn-lint not installed: template lint skipped"; fi
	@$(TEST_SUMMARY) "$(ROOT)"

## images: DynamoDbSerialImageFunction as a container image, built by Jib without Docker (base scratch, a jlinked
## Java runtime, this machine's libraries), at target/lambda/<LogicalId>/image.tar; x86_64 only (see images/README.md)
IMAGE_FUNCTIONS := DynamoDbSerialImageFunction
IMAGE_ARCH = $(or $(ARCH),$(shell uname -m))
# Once `make images` has built them, `make local` and `make tune` take the image functions like the others: the
# template creates one only when its ImageUri parameter is set, and the local Lambda runs it from its tarball.
IMAGE_PARAMETERS = $(if $(wildcard $(LAMBDA_OUT)/DynamoDbSerialImageFunction/image.tar),-Dcoldbrew.parameterOverrides=DynamoDbSerialImageUri=local)
images:
	@case "$(IMAGE_ARCH)" in x86_64|amd64) ;; \
	  *) echo "make images: this machine builds x86_64 images only; an $(IMAGE_ARCH) image needs an $(IMAGE_ARCH) JDK" \
	       "and $(IMAGE_ARCH) system libraries, which the image takes from the machine that builds it" >&2; exit 2;; \
	esac
	$(MVN) verify -DskipTests -Pimage -Djib.disableUpdateChecks=true -pl reference-functions/dynamodb-serial -am
	@# The AWS-base flavour's configuration on a local stand-in base (AWS's needs a registry): its tests check the layers it adds.
	$(MVN) package -DskipTests -Pimage-aws-base -Djib.disableUpdateChecks=true -pl reference-functions/dynamodb-serial \
	  -Dimage.awsBase=tar://$(ROOT)/target/images/DynamoDbSerialImageFunction-untrained.tar \
	  -Dimage.awsBase.tar=$(ROOT)/target/images/DynamoDbSerialFunction-aws-base-layout.tar
	@for id in $(IMAGE_FUNCTIONS); do \
	  awk -v id="$$id" -v b="$$(stat -c %s "$(LAMBDA_OUT)/$$id/image.tar")" 'BEGIN {printf "  %-28s %6.1f MB  target/lambda/%s/image.tar\n", id, b / 1e6, id}'; \
	done

## image-aws-base: the DynamoDB-serial function on AWS's Lambda base image for Java 25 (public.ecr.aws/lambda/java:25),
## at target/images/DynamoDbSerialFunction-aws-base.tar; pulls the base image, so it needs registry access
image-aws-base:
	@$(MVN) package -DskipTests -Pimage-aws-base -pl reference-functions/dynamodb-serial -am || { \
	  echo "make image-aws-base: the build failed; it pulls public.ecr.aws/lambda/java:25, so it needs registry access" \
	       "(docs/images.md). \`make images\` builds the scratch flavour with no registry." >&2; exit 2; }
	@ls -l "$(ROOT)/target/images/DynamoDbSerialFunction-aws-base.tar"

BENCH_CP = $(ROOT)/bench/target/classes:$$(cat "$(ROOT)/bench/target/runtime-classpath.txt")

## bench-coldstart: cold start of each function as a local JVM process; tiering and HTTP client compared
bench-coldstart: build
	"$(JAVA_HOME)/bin/java" -Dcoldbrew.root="$(ROOT)" -cp "$(BENCH_CP)" dev.coldbrew.bench.ColdStartBench $(or $(SAMPLES),7)

## tune: power-tune the reference functions on the embedded local emulator (STACK=name: on AWS instead)
## FUNCTIONS=Id,Id  POWER=128,512,...  NUM=n  STRATEGY=cost|speed|balanced  PAYLOAD='{json}'|@file
## TUNE_ARGS="--apply --only-cold-starts ..." (any coldbrew-tune option; see tuner/README.md)
## Runs coldbrew's Maven plugin (coldbrew:tune, maven-plugin/README.md), as a generated project does.
TUNE_GOAL := tune
tune:
	$(MAKE) --no-print-directory -f "$(ROOT)/Makefile" build
	$(PLUGIN_MVN) $(COLDBREW_PLUGIN):$(TUNE_GOAL) \
	  $(if $(STACK),-Dcoldbrew.stack="$(STACK)") \
	  $(if $(FUNCTIONS),-Dcoldbrew.functions="$(FUNCTIONS)") \
	  $(if $(POWER),-Dcoldbrew.power="$(POWER)") $(if $(NUM),-Dcoldbrew.num="$(NUM)") \
	  -Dcoldbrew.strategy="$(or $(STRATEGY),balanced)" $(if $(PAYLOAD),-Dcoldbrew.payload='$(PAYLOAD)') \
	  $(if $(filter advise,$(TUNE_GOAL)),$(if $(TRAFFIC),-Dcoldbrew.traffic='$(TRAFFIC)') $(if $(P99_SLO),-Dcoldbrew.p99Slo="$(P99_SLO)")) \
	  $(if $(STACK),,$(IMAGE_PARAMETERS)) $(if $(TUNE_ARGS),-Dcoldbrew.args="$(TUNE_ARGS)")

## install: put coldbrew-parent, coldbrew-runtime, coldbrew-images (with local-services, local-lambda and
## lambda-model, which image projects' training needs), coldbrew-maven-plugin (with the tuner) and both archetypes in the local Maven repository
## (MAVEN_ARGS is honoured, e.g. -Dmaven.repo.local=...), ready for `mvn archetype:generate`; see docs/archetype.md
install:
	$(MVN) install -DskipTests -pl shared-layer,runtime-testing,images,maven-plugin,archetype/coldbrew-archetype,archetype/coldbrew-function-archetype -am

# make local and make tune run coldbrew's own Maven plugin, installed by make build. Maven's Guice calls sun.misc.Unsafe,
# which JDK 24+ warns about at every start; these interactive targets allow it (JDKs from 23 know the flag).
COLDBREW_PLUGIN = dev.coldbrew:coldbrew-maven-plugin:$(COLDBREW_VERSION)
UNSAFE_ALLOWED = $(shell "$(JAVA_HOME)/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && echo --sun-misc-unsafe-memory-access=allow)
PLUGIN_MVN = env MAVEN_OPTS="$(UNSAFE_ALLOWED) $$MAVEN_OPTS" $(MVN)

## advise: tune, then advise a cold-start strategy per function (on-demand, SnapStart, provisioned concurrency fixed or
## autoscaled) for TRAFFIC (busy-api and sparse-job by default; a shape or @file.csv, see docs/tuning.md), P99_SLO=ms
advise:
	$(MAKE) --no-print-directory -f "$(ROOT)/Makefile" tune TUNE_GOAL=advise

## local: the template's functions on the Lambda API at 127.0.0.1:3001 (PORT=...), with DynamoDB Local and
## the local HTTP endpoint; stops on Ctrl-C or SIGTERM. Runs coldbrew's Maven plugin (coldbrew:local).
local: build
	exec $(PLUGIN_MVN) $(COLDBREW_PLUGIN):local -Dcoldbrew.port=$(or $(PORT),3001) $(IMAGE_PARAMETERS)

## bench-ablation: what each of coldbrew's patterns buys a cold start, naive function to coldbrew's (SAMPLES=7)
bench-ablation: build images
	"$(JAVA_HOME)/bin/java" -Dcoldbrew.root="$(ROOT)" -cp "$(BENCH_CP)" dev.coldbrew.bench.AblationBench $(or $(SAMPLES),7)

## bench-tuning: the exhaustive sweep (128-3008 MB every 128, 30 calls) against the adaptive search (--num auto), and
## make tune's sizes with 8 calls (twice) against --num auto:8, on the local Lambda, per reference function and strategy,
## interleaved: invocations, GB-seconds, winners (FUNCTIONS=Id ..., PART=make-tune for the second comparison alone)
bench-tuning: build
	"$(JAVA_HOME)/bin/java" --enable-native-access=ALL-UNNAMED -Dcoldbrew.root="$(ROOT)" -cp "$(ROOT)/tuner/target/classes:$(ROOT)/tuner/target/lib/*" \
	  $(if $(PART),-Dcoldbrew.benchPart=$(PART)) dev.coldbrew.tuner.TuningBench $(or $(FUNCTIONS),$(REFERENCE_FUNCTIONS))

## bench-local: the local Lambda measured: warm round trip, cold starts at 1769 MB, CPU at 512/1769/3008 MB
bench-local: build
	"$(JAVA_HOME)/bin/java" -Dcoldbrew.root="$(ROOT)" -cp "$(BENCH_CP)" dev.coldbrew.bench.LocalLambdaBenchmark $(or $(SAMPLES),5)

## add-reference-function NAME=<kebab-case> [MEMORY=1024]: a new reference function, generated by
## coldbrew-function-archetype (as a generated project's `make add-function`): its module under
## reference-functions/, its resource in template.yaml, its line in functions.mk
add-reference-function: install
	@test -n "$(NAME)" || { echo "usage: make add-reference-function NAME=<kebab-case name> [MEMORY=<MB>]" >&2; exit 2; }
	@# archetype:generate rewrites the parent pom's layout to add the module; keep ours and add the line.
	cd "$(ROOT)/reference-functions" && cp pom.xml .pom.xml.kept && \
	if "$(ROOT)/mvnw" -B -q org.apache.maven.plugins:maven-archetype-plugin:$(ARCHETYPE_PLUGIN_VERSION):generate \
	  -DarchetypeGroupId=dev.coldbrew -DarchetypeArtifactId=coldbrew-function-archetype -DarchetypeVersion=$(COLDBREW_VERSION) \
	  -DgroupId=dev.coldbrew -Dversion=$(COLDBREW_VERSION) -Dpackage=dev.coldbrew.functions -DartifactId=$(NAME) -DfunctionName=$(NAME) \
	  -DcoldStart=none -DmemorySize=$(or $(MEMORY),1024) -DprojectRoot=..; then \
	  mv .pom.xml.kept pom.xml && sed -i 's|^  </modules>|    <module>$(NAME)</module>\n  </modules>|' pom.xml; \
	else mv .pom.xml.kept pom.xml; exit 1; fi
	@# The parent, reference-functions/pom.xml, gives every function its dependencies.
	sed -i '/<dependencies>/,/<\/dependencies>/d' "$(ROOT)/reference-functions/$(NAME)/pom.xml"

clean:
	$(MVN) clean
	rm -rf .aws-sam

## deploy: for users with the SAM CLI and AWS credentials
deploy:
	sam build && sam deploy --guided

# --- SAM build targets (BuildMethod: makefile) ---------------------------------------------------
# PACKAGED=1 skips Maven when `make build` has already packaged every module once.

build-SharedLayer:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set" >&2; exit 2; }
	$(if $(PACKAGED),,$(MVN) install -DskipTests -pl shared-layer -am)
	mkdir -p "$(ARTIFACTS_DIR)/java/lib"
	cp "$(ROOT)"/shared-layer/target/coldbrew-runtime-*.jar "$(ROOT)"/shared-layer/target/layer-lib/*.jar "$(ARTIFACTS_DIR)/java/lib/"

$(addprefix build-,$(REFERENCE_FUNCTIONS)): build-%:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set" >&2; exit 2; }
	$(if $(PACKAGED),,$(MVN) install -DskipTests -pl $(module_$*) -am)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp "$(ROOT)"/$(module_$*)/target/*.jar "$(ARTIFACTS_DIR)/lib/"
