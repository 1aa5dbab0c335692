#!/bin/sh
# One fake for docker, aws, curl, sleep and date on a TestingHost, picked by the name it is called
# by (bin/docker -> this file). Every call is recorded in ../state/calls: the tool and its
# arguments separated by US (\037), the call ended by RS (\036), so any argument survives intact.
# Containers and images are directories under ../state; ../state/scenario says what fails; time
# is ../state/clock, which only the fake sleep moves, so no test waits.
set -eu
tool=${0##*/}
state=$(cd "$(dirname "$0")/../state" && pwd)

{
    printf '%s' "$tool"
    for argument in "$@"; do printf '\037%s' "$argument"; done
    printf '\036'
} >>"$state/calls"

has() { grep -qx "$1" "$state/scenario"; }
unsupported() {
    printf '%s %s\n' "$tool" "$*" >>"$state/unsupported"
    echo "fake $tool: unsupported call: $*" >&2
    exit 99
}

# A container directory by name or id.
container() {
    if [ -d "$state/containers/$1" ]; then
        printf '%s' "$state/containers/$1"
        return 0
    fi
    for directory in "$state"/containers/*; do
        if [ -f "$directory/id" ] && [ "$(cat "$directory/id")" = "$1" ]; then
            printf '%s' "$directory"
            return 0
        fi
    done
    echo "Error: No such container: $1" >&2
    exit 1
}

# An image id by id or by repository digest reference.
image() {
    if [ -d "$state/images/$1" ]; then
        printf '%s' "$1"
        return 0
    fi
    for directory in "$state"/images/*; do
        if [ -f "$directory/repo_digests" ] && grep -qxF "$1" "$directory/repo_digests"; then
            printf '%s' "${directory##*/}"
            return 0
        fi
    done
    echo "Error: No such image: $1" >&2
    exit 1
}

docker_fake() {
    case "$1 ${2-}" in
        "login --username")
            if has 'fail login'; then echo "Error response from daemon: login attempt failed" >&2; exit 1; fi
            cat >"$state/login-password"
            printf 'HOME=%s\nAWS_ECR_CACHE_DIR=%s\n' "${HOME-<unset>}" "${AWS_ECR_CACHE_DIR-<unset>}" >"$state/login-env"
            echo "Login Succeeded"
            ;;
        "pull --quiet")
            if has 'fail pull'; then echo "Error response from daemon: manifest unknown" >&2; exit 1; fi
            reference=$3
            id=img-$(printf '%.12s' "${reference##*@sha256:}")
            mkdir -p "$state/images/$id"
            if ! grep -qxF "$reference" "$state/images/$id/repo_digests" 2>/dev/null; then
                echo "$reference" >>"$state/images/$id/repo_digests"
            fi
            echo "$reference"
            ;;
        "image inspect")
            [ "$3" = --format ] || unsupported "$@"
            id=$(image "$5")
            case $4 in
                '{{.Id}}') echo "$id" ;;
                '{{range .RepoDigests}}{{println .}}{{end}}') cat "$state/images/$id/repo_digests" 2>/dev/null || true; echo ;;
                *) unsupported "$@" ;;
            esac
            ;;
        "image rm")
            id=$(image "$3")
            for directory in "$state"/containers/*; do
                if [ -f "$directory/image" ] && [ "$(cat "$directory/image")" = "$id" ]; then
                    echo "Error response from daemon: conflict: unable to remove $id: in use by ${directory##*/}" >&2
                    exit 1
                fi
            done
            rm -rf "$state/images/$id"
            ;;
        "container inspect")
            [ "$3" = --format ] || unsupported "$@"
            directory=$(container "$5")
            case $4 in
                '{{.Id}}') cat "$directory/id" ;;
                '{{.Image}}') cat "$directory/image" ;;
                '{{.Image}}|{{.State.Running}}|{{index .Config.Labels "deckhand.digest"}}')
                    printf '%s|%s|%s\n' "$(cat "$directory/image")" "$(cat "$directory/running")" "$(cat "$directory/digest" 2>/dev/null)" ;;
                '{{.State.Running}} {{.RestartCount}}')
                    printf '%s %s\n' "$(cat "$directory/running")" "$(cat "$directory/restarts")" ;;
                *) unsupported "$@" ;;
            esac
            ;;
        "container ls")
            [ "$3 $4 $5" = '-a --format {{.Names}}' ] || unsupported "$@"
            for directory in "$state"/containers/*; do
                if [ -d "$directory" ]; then echo "${directory##*/}"; fi
            done
            ;;
        "container rename")
            from=$(container "$3")
            if [ -e "$state/containers/$4" ]; then echo "Error: name $4 is in use" >&2; exit 1; fi
            mv "$from" "$state/containers/$4"
            ;;
        "container rm")
            if [ "$3" = -f ]; then directory=$(container "$4"); else directory=$(container "$3"); fi
            if [ "$3" != -f ] && [ "$(cat "$directory/running")" = true ]; then
                echo "Error: cannot remove a running container" >&2
                exit 1
            fi
            rm -rf "$directory"
            ;;
        "container stop")
            directory=$(container "$3")
            echo false >"$directory/running"
            ;;
        "container start")
            directory=$(container "$3")
            if [ -f "$directory/created" ] && has 'fail start-new'; then
                echo "Error response from daemon: driver failed programming external connectivity" >&2
                exit 1
            fi
            echo true >"$directory/running"
            if [ -f "$directory/created" ] && has 'crashloop'; then echo 3 >"$directory/restarts"; fi
            ;;
        "container logs")
            [ "$3" = --tail ] || unsupported "$@"
            directory=$(container "$5")
            echo "fake log of ${directory##*/}"
            ;;
        "container create")
            if has 'fail create'; then echo "docker: Error response from daemon: invalid mount config" >&2; exit 125; fi
            shift 2
            name=
            digest=
            while [ $# -gt 0 ]; do
                case $1 in
                    --name) name=$2; shift 2 ;;
                    --label) case $2 in deckhand.digest=*) digest=${2#deckhand.digest=} ;; esac; shift 2 ;;
                    --restart | -p | -e | -v | --env-file) shift 2 ;;
                    -*) unsupported "create option $1" ;;
                    *) break ;;
                esac
            done
            id=$(image "$1")
            if [ -e "$state/containers/$name" ]; then
                echo "docker: Error response from daemon: Conflict. The container name \"/$name\" is already in use" >&2
                exit 125
            fi
            mkdir -p "$state/containers/$name"
            echo "$id" >"$state/containers/$name/image"
            echo false >"$state/containers/$name/running"
            echo "$digest" >"$state/containers/$name/digest"
            echo 0 >"$state/containers/$name/restarts"
            echo "ctr-$name-$(cat "$state/clock")" >"$state/containers/$name/id"
            touch "$state/containers/$name/created"
            cat "$state/containers/$name/id"
            ;;
        *) unsupported "$@" ;;
    esac
}

case $tool in
    docker) docker_fake "$@" ;;
    aws)
        [ "$1 $2 $3" = "ecr get-login-password --region" ] || unsupported "$@"
        if has 'fail aws'; then echo "Unable to locate credentials. You can configure credentials by running \"aws configure\"." >&2; exit 253; fi
        echo "fake-ecr-password"
        ;;
    curl)
        count=$(($(cat "$state/curl-count" 2>/dev/null || echo 0) + 1))
        echo "$count" >"$state/curl-count"
        failures=$(sed -n 's/^health failures //p' "$state/scenario")
        if has 'health refused'; then
            printf '000'
            echo "curl: (7) Failed to connect to localhost port 8080: Connection refused" >&2
            exit 7
        fi
        if has 'health never' || [ "$count" -le "${failures:-0}" ]; then
            printf '503'
            echo "curl: (22) The requested URL returned error: 503" >&2
            exit 22
        fi
        printf '200'
        ;;
    sleep)
        echo $(($(cat "$state/clock") + $1)) >"$state/clock"
        ;;
    date)
        [ "$*" = +%s ] || unsupported "$@"
        cat "$state/clock"
        ;;
    *) unsupported "$@" ;;
esac
