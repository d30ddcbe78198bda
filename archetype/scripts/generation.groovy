// Helpers shared by the post-generate scripts of coldbrew-archetype and coldbrew-function-archetype.
// Each archetype jar carries a copy at META-INF/coldbrew/generation.groovy.

/** Problems with the given properties, one line each, naming the allowed values; empty when all are fine. */
List<String> problems(Map<String, String> values, Map<String, Object> rules) {
    List<String> found = []
    rules.each { String key, Object rule ->
        String value = values[key]
        if (rule instanceof IntRange) {
            if (!(value ==~ /\d{1,6}/) || !((value as int) in rule)) {
                found << "${key}=${value} is not allowed; use a whole number of MB from ${rule.from} to ${rule.to}".toString()
            }
        } else if (rule instanceof Collection) {
            if (!(value in rule)) {
                found << "${key}=${value} is not allowed; use one of: ${rule.join(', ')}".toString()
            }
        } else if (rule instanceof Map) {
            if (value == null || !(value ==~ rule.pattern)) {
                found << "${key}=${value} is not allowed; use ${rule.description}".toString()
            }
        }
    }
    return found
}

/** The kebab-case rule for function names, shared by both archetypes. */
Map functionNameRule() {
    [pattern: /[a-z][a-z0-9]*(-[a-z0-9]+)*/, description: 'kebab-case: lower-case letters and digits, words joined by single hyphens, starting with a letter (e.g. hello, order-history)']
}

Map packageRule() {
    [pattern: /[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*/, description: 'a lower-case Java package name (e.g. com.example.orders)']
}

/**
 * Appends every top-level section of {@code fragment} (Parameters, Resources, Outputs) to the same section
 * of {@code template}, creating the section when the template has none. Comments and formatting of the
 * template stay as they are, which a YAML round trip would lose.
 */
String appendSections(String template, String fragment) {
    Map<String, List<String>> sections = [:]
    String current = null
    fragment.eachLine { String line ->
        def header = line =~ /^([A-Za-z]+):\s*$/
        if (header.matches()) {
            current = header.group(1)
            sections[current] = []
        } else if (current != null) {
            sections[current] << line
        }
    }
    List<String> lines = template.readLines()
    sections.each { String name, List<String> body ->
        while (body && body[-1].trim().isEmpty()) {
            body.remove(body.size() - 1)
        }
        while (body && body[0].trim().isEmpty()) {
            body.remove(0)
        }
        int start = lines.findIndexOf { it ==~ /^${name}:\s*$/ }
        if (start >= 0) {
            int end = start + 1
            while (end < lines.size() && !(lines[end] ==~ /^\S.*/)) {
                end++
            }
            while (end > start + 1 && lines[end - 1].trim().isEmpty()) {
                end--
            }
            lines.addAll(end, (end > start + 1 ? [''] : []) + body)
        } else if (name == 'Parameters') {
            int before = lines.findIndexOf { it ==~ /^(Globals|Resources):\s*$/ }
            lines.addAll(before, [name + ':'] + body + [''])
        } else {
            while (lines && lines[-1].trim().isEmpty()) {
                lines.remove(lines.size() - 1)
            }
            lines.addAll([''] + [name + ':'] + body)
        }
    }
    return lines.join('\n') + '\n'
}

/** Moves the function's template-fragment.yaml into the project's template.yaml. */
void spliceFragment(File projectDir, File moduleDir) {
    File fragment = new File(moduleDir, 'template-fragment.yaml')
    File template = new File(projectDir, 'template.yaml')
    template.text = appendSections(template.text, fragment.text)
    fragment.delete()
}

/** Archetype resources lose the executable bit; scripts the Makefile runs get it back. */
void makeExecutable(File projectDir, List<String> paths) {
    paths.each { new File(projectDir, it).setExecutable(true, false) }
}

/** Fails the generation with every problem listed, after removing what was generated. */
void failIf(List<String> problems, Closure undo) {
    if (problems) {
        undo()
        throw new IllegalArgumentException('Invalid archetype properties, nothing was generated:\n  ' + problems.join('\n  '))
    }
}

/** archetype:generate rewrites the root pom.xml to add a module and leaves the XML declaration and <project> on one line. */
void tidyPom(File pom) {
    pom.text = pom.text.replaceFirst(/\?>\s*<project/, '?>\n<project')
}
