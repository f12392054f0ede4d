# Installing Debian 12 packages for the project's scripts. Sourced, not run.

# install_packages SCRIPT PACKAGE...: installs the packages not installed yet. Runs apt-get
# update once, only when something is missing, so a ready machine needs no network. As root it
# installs directly, otherwise through sudo when there is one; else it says what to run.
install_packages() {
    local script=$1
    shift
    local missing=() package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    local as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "$script: missing packages: ${missing[*]}" >&2
            echo "$script: install them as root: apt-get update && apt-get install -y ${missing[*]}" >&2
            return 1
        fi
        as_root=(sudo)
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "$script: missing packages: ${missing[*]}; this script installs them on Debian 12 only" >&2
        return 1
    fi
    echo "$script: installing ${missing[*]}" >&2
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}
