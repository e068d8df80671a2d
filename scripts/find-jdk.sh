# Finds a JDK 25 or newer. Source this file, then call gradflow_find_jdk: on success it sets GRADFLOW_JDK to the
# JDK's home directory and returns 0; otherwise it prints what is missing and how to get it, and returns 1.
# Search order: $JAVA_HOME, the `java` on the PATH, then the usual install folders (newest first).
# Shared by ./gradflow and .ci/run; works with bash 3.2 (macOS) and later.

GRADFLOW_MIN_JAVA=25

# Prints the feature version (8, 17, 25, ...) of the java launcher $1, or nothing if it does not run.
gradflow_java_version() {
    "$1" -version 2>&1 | sed -n 's/^[^"]* version "\([0-9][0-9.]*\).*/\1/p' | head -n 1 |
        awk -F. '{ if ($1 == "1") print $2; else print $1 }'
}

# Prints the feature version of the JDK at home $1: from its `release` file (fast), else by running its java.
gradflow_jdk_version() {
    local version=""
    if [ -f "$1/release" ]; then
        version="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$1/release" | awk -F. '{ if ($1 == "1") print $2; else print $1 }')"
    fi
    if [ -z "$version" ]; then version="$(gradflow_java_version "$1/bin/java")"; fi
    printf '%s\n' "$version"
}

# Succeeds when $1 is a JDK home (java and javac present) whose java is at least GRADFLOW_MIN_JAVA.
gradflow_is_jdk() {
    local home="$1" version
    [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
    version="$(gradflow_jdk_version "$home")"
    [ -n "$version" ] && [ "$version" -ge "$GRADFLOW_MIN_JAVA" ]
}

# Resolves symbolic links without GNU readlink -f (macOS has no -f before 12.3).
gradflow_resolve() {
    local path="$1" link
    while [ -L "$path" ]; do
        link="$(readlink "$path")"
        case "$link" in
            /*) path="$link" ;;
            *) path="$(dirname "$path")/$link" ;;
        esac
    done
    printf '%s\n' "$path"
}

gradflow_find_jdk() {
    local candidate java_on_path found_versions=""
    GRADFLOW_JDK=""

    if [ -n "${JAVA_HOME:-}" ]; then
        if gradflow_is_jdk "$JAVA_HOME"; then GRADFLOW_JDK="$JAVA_HOME"; return 0; fi
        found_versions="$found_versions
  JAVA_HOME=$JAVA_HOME (java $(gradflow_jdk_version "$JAVA_HOME" 2>/dev/null || true))"
    fi

    java_on_path="$(command -v java 2>/dev/null || true)"
    if [ -n "$java_on_path" ]; then
        candidate="$(dirname "$(dirname "$(gradflow_resolve "$java_on_path")")")"
        if gradflow_is_jdk "$candidate"; then GRADFLOW_JDK="$candidate"; return 0; fi
        found_versions="$found_versions
  $java_on_path (java $(gradflow_jdk_version "$candidate" || true))"
    fi

    # Usual install folders; within them the highest version first (plain reverse order where sort has no -V).
    local folders
    folders="$(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
                     /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
                     /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
                     "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                     /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | grep -v '/current$' || true)"
    folders="$(printf '%s\n' "$folders" | sort -r -V 2>/dev/null || printf '%s\n' "$folders" | sort -r)"
    while IFS= read -r candidate; do
        if gradflow_is_jdk "$candidate"; then GRADFLOW_JDK="$candidate"; return 0; fi
    done <<GRADFLOW_FOLDERS
$folders
GRADFLOW_FOLDERS

    {
        echo "gradflow needs a JDK $GRADFLOW_MIN_JAVA or newer, and none was found."
        if [ -n "$found_versions" ]; then echo "Found only:$found_versions"; fi
        echo "Searched: \$JAVA_HOME, java on the PATH, /usr/lib/jvm, /usr/java, /opt/java, /opt/jdk*, Homebrew, ~/.sdkman, ~/.jdks, /Library/Java/JavaVirtualMachines."
        echo "Install one, for example:"
        echo "  SDKMAN:      sdk install java 25-tem"
        echo "  Debian/Ubuntu (Adoptium repository, https://adoptium.net/installation/linux): sudo apt-get install temurin-25-jdk"
        echo "  macOS:       brew install --cask temurin@25"
        echo "  or download: https://adoptium.net/temurin/releases/?version=25"
        echo "then run again (or set JAVA_HOME to the JDK's folder)."
    } >&2
    return 1
}
