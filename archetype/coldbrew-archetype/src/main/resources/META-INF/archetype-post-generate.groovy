// Runs after coldbrew-archetype has written the project: checks every property (batch mode does not apply
// validationRegex), then finishes the files Velocity cannot: dot-file names, executable bits, and the first
// function's resources in template.yaml.
def loader = Thread.currentThread().contextClassLoader
def generation = new GroovyShell(getClass().classLoader).parse(loader.getResource('META-INF/coldbrew/generation.groovy').text)

File projectDir = new File(request.outputDirectory, request.artifactId)
Map<String, String> values = request.properties.collectEntries { k, v -> [(k.toString()): v?.toString()] }

def problems = generation.problems(values, [
        functionName: generation.functionNameRule(),
        package     : generation.packageRule(),
        javaVersion : ['25', '21'],
        architecture: ['x86_64', 'arm64'],
        memorySize  : 128..10240,
        coldStart   : ['snapstart', 'provisioned', 'none'],
        httpClient  : ['urlconnection', 'crt'],
        awsService  : ['dynamodb', 's3', 'sqs', 'none'],
        functionClass  : [pattern: /[A-Z][A-Za-z0-9]*/, description: 'a Java class name prefix (derived from functionName by default)'],
        functionPackage: [pattern: /[a-z][a-z0-9]*/, description: 'a one-word package name (derived from functionName by default)'],
])
generation.failIf(problems) { projectDir.deleteDir() }

new File(projectDir, 'gitignore').renameTo(new File(projectDir, '.gitignore'))
generation.makeExecutable(projectDir, ['mvnw', 'build/find-jdk.sh'])
generation.tidyPom(new File(projectDir, 'pom.xml'))
generation.spliceFragment(projectDir, new File(projectDir, values.functionName))
