#!/bin/sh
# Deckhand host-side deploy, run by SSM Run Command (document Deckhand-Deploy).
#
# Replaces one Docker container with an ECR image pulled by digest, checks its health, and keeps
# the previous container (stopped, with its image) to put back when the new one fails.
#
# Input: the document's parameters as SSM_<name> environment variables (interpolationType
# ENV_VAR). They are never spliced into this text, never eval'd, and always quoted.
# Output: the FIRST line on stdout is one JSON object, because SSM keeps only the head of the
# output; the detailed log follows it. Nothing else is printed before that line. Its fields, always
# all of them, in this order: outcome; digest (the one asked for, null when the image was malformed);
# previousDigest (what ran before, null on a first deploy); health (e.g. "200 after 6s", "running after
# 10s", "not checked"); host; container; deployId; detail (one sentence for people).
#
# Outcomes and exit codes:
#    0  deployed               the new container runs and is healthy; the previous one is kept, stopped
#    0  unchanged              the container already runs this image; nothing was touched
#   10  invalid_parameters     a parameter is missing or malformed (no SSM_* at all: SSM Agent older
#                              than 3.3.2746.0, which has no ENV_VAR interpolation); nothing was touched
#   11  login_failed           the ECR login failed; nothing was stopped
#   12  pull_failed            the pull failed; nothing was stopped
#   13  start_failed           the new container could not be created or started; the previous one is back
#   14  unhealthy_rolled_back  the new container failed its health check; it is removed, the previous one is back
#   15  unhealthy_no_previous  the new container failed its health check; it is removed, there was nothing to put back
#   16  rollback_failed        the new container failed and the previous one could not be put back: look now
#   17  script_error           this script stopped unexpectedly (a bug, or a signal); the log says where
#
# This file is embedded verbatim in deckhand-deploy.yaml (SsmDocumentTest keeps the two identical).
# SSM reads two opening braces as a parameter reference, so this text never contains them: Docker's
# Go templates are written with "$open" instead.

set -euf
umask 077

open='{''{'
nl='
'
cr=$(printf '\r')
finished=false
started=$(date +%s)

outcome=script_error
digest=
previous_digest=
health='not checked'
detail=
kept=
new_container=
host=$(uname -n 2>/dev/null || echo unknown)

image=${SSM_image-}
name=${SSM_containerName-}
ports=${SSM_ports-}
env_file=${SSM_envFile-}
env_lines=${SSM_env-}
volumes=${SSM_volumes-}
args=${SSM_args-}
health_url=${SSM_healthcheckUrl-}
health_timeout=${SSM_healthcheckTimeout:-5}
health_interval=${SSM_healthcheckInterval:-2}
health_within=${SSM_healthcheckWithin:-60}
region=${SSM_region-}
deploy_id=${SSM_deployId-}

# One JSON string: control characters become spaces, backslashes and quotes are escaped.
json() {
    printf '"%s"' "$(printf '%s' "$1" | tr '\n\r\t' '   ' | tr -d '\000-\037\177' | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

json_or_null() {
    if [ -n "$1" ]; then json "$1"; else printf 'null'; fi
}

log() {
    printf '[+%ss] %s\n' "$(($(date +%s) - started))" "$*"
}

emit() {
    printf '{"outcome":%s,"digest":%s,"previousDigest":%s,"health":%s,"host":%s,"container":%s,"deployId":%s,"detail":%s}\n' \
        "$(json "$outcome")" "$(json_or_null "$digest")" "$(json_or_null "$previous_digest")" "$(json "$health")" \
        "$(json "$host")" "$(json "$name")" "$(json "$deploy_id")" "$(json "$detail")" >&3
    cat "$log_file" >&3
    rm -f "$log_file"
}

finish() {
    outcome=$1
    detail=$3
    log "$outcome: $detail"
    finished=true
    emit
    exit "$2"
}

on_exit() {
    status=$?
    if [ "$finished" = false ]; then
        finish script_error 17 "stopped unexpectedly (status $status); the log above shows the last step"
    fi
}

invalid() {
    finish invalid_parameters 10 "$1"
}

# Everything the commands print goes to the log; the JSON line goes first to the real stdout (fd 3).
log_file=$(mktemp "${TMPDIR:-/tmp}/deckhand-deploy.XXXXXX") || {
    printf '{"outcome":"script_error","detail":"mktemp failed: no temporary file for the log"}\n'
    exit 17
}
exec 3>&1 >"$log_file" 2>&1
trap on_exit EXIT
trap 'log "interrupted by a signal"; exit 17' HUP INT TERM

# Run Command gives no HOME: docker login and the ECR credential helper need one.
if [ -z "${HOME-}" ]; then
    HOME=$(getent passwd "$(id -u)" 2>/dev/null | cut -d: -f6) || HOME=
    [ -n "$HOME" ] || HOME=/root
fi
export HOME
AWS_ECR_CACHE_DIR=${AWS_ECR_CACHE_DIR:-$HOME/.ecr}
export AWS_ECR_CACHE_DIR

# ---- Parameters: checked again here, so the script is safe without the document's patterns too.

is_hex64() {
    [ ${#1} -eq 64 ] || return 1
    case $1 in *[!0-9a-f]*) return 1 ;; esac
}

# $1 value, $2 min, $3 max: a plain decimal number (no sign, no leading zero) in range.
is_number() {
    case $1 in '' | 0* | *[!0-9]*) return 1 ;; esac
    [ ${#1} -le 5 ] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]
}

is_port() {
    is_number "$1" 1 65535
}

# An absolute path without '.' or '..' segments, in safe characters.
is_path() {
    case $1 in /*) ;; *) return 1 ;; esac
    case $1 in *[!A-Za-z0-9._/-]* | */ | *//* | */./* | */. | */../* | */..) return 1 ;; esac
}

[ -n "$image" ] || invalid "SSM_image is empty or unset (ENV_VAR interpolation needs SSM Agent 3.3.2746.0 or later)"
case $image in *[!A-Za-z0-9._/:@-]*) invalid "image has characters outside [A-Za-z0-9._/:@-]" ;; esac
[ -n "$region" ] || invalid "SSM_region is empty or unset"
case $region in *[!a-z0-9-]*) invalid "region is not an AWS region name" ;; esac
registry=${image%%/*}
repository=${image#*/}
repository=${repository%@*}
image_digest=${image##*@}
hex=${image_digest#sha256:}
if [ "$image_digest" = "$image" ] || [ "$hex" = "$image_digest" ] || ! is_hex64 "$hex"; then
    invalid "image must be pulled by digest: <registry>/<repository>@sha256:<64 hex>, not by tag"
fi
digest=$image_digest
account=${registry%%.*}
if [ ${#account} -ne 12 ] || [ "$registry" != "$account.dkr.ecr.$region.amazonaws.com" ]; then
    invalid "image registry $registry is not an ECR registry in $region (<12-digit account>.dkr.ecr.$region.amazonaws.com)"
fi
case $account in *[!0-9]*) invalid "image registry $registry: the account is not 12 digits" ;; esac
case $repository in '' | /* | */ | *//* | *[!a-z0-9._/-]*) invalid "image repository '$repository' is not an ECR repository name" ;; esac

case $name in '' | [!A-Za-z0-9]* | *[!A-Za-z0-9_.-]*) invalid "containerName must match [a-zA-Z0-9][a-zA-Z0-9_.-]*" ;; esac
[ ${#name} -le 128 ] || invalid "containerName is longer than 128 characters"
case $deploy_id in '' | *[!A-Za-z0-9-]*) invalid "deployId must match [A-Za-z0-9-]{1,64}" ;; esac
[ ${#deploy_id} -le 64 ] || invalid "deployId is longer than 64 characters"
is_number "$health_timeout" 1 60 || invalid "healthcheckTimeout must be 1 to 60 seconds"
is_number "$health_interval" 1 60 || invalid "healthcheckInterval must be 1 to 60 seconds"
is_number "$health_within" 1 600 || invalid "healthcheckWithin must be 1 to 600 seconds"

case $health_url in
    '') ;;
    *[!A-Za-z0-9._~%/?\&=+:-]*) invalid "healthcheckUrl has characters outside [A-Za-z0-9._~%/?&=+:-]" ;;
    http://localhost | http://localhost[:/]* | http://127.0.0.1 | http://127.0.0.1[:/]*) ;;
    https://localhost | https://localhost[:/]* | https://127.0.0.1 | https://127.0.0.1[:/]*) ;;
    *) invalid "healthcheckUrl must be http(s)://localhost or http(s)://127.0.0.1: the check runs on this host" ;;
esac

# The docker create command line, built in the positional parameters (POSIX sh has no arrays).
set -- container create --name "$name" --restart unless-stopped \
    --label "deckhand.deploy=$deploy_id" --label "deckhand.digest=$digest"

rest=$ports
while [ -n "$rest" ]; do
    item=${rest%%,*}
    if [ "$item" = "$rest" ]; then rest=; else rest=${rest#*,}; fi
    host_port=${item%%:*}
    container_port=${item#*:}
    if [ "$host_port" = "$item" ] || ! is_port "$host_port" || ! is_port "$container_port"; then
        invalid "ports: '$item' is not <host port>:<container port>"
    fi
    set -- "$@" -p "$item"
done

if [ -n "$env_file" ]; then
    is_path "$env_file" || invalid "envFile must be an absolute path in [A-Za-z0-9._/-]"
    set -- "$@" --env-file "$env_file"
fi

# One NAME=value per line; the value is passed to docker as it is (no expansion, no splitting).
rest=$env_lines
while [ -n "$rest" ]; do
    item=${rest%%"$nl"*}
    if [ "$item" = "$rest" ]; then rest=; else rest=${rest#*"$nl"}; fi
    [ -n "$item" ] || continue
    variable=${item%%=*}
    case $variable in '' | [!A-Za-z_]* | *[!A-Za-z0-9_]*) invalid "env: a line does not start with NAME= (NAME in [A-Za-z_][A-Za-z0-9_]*)" ;; esac
    [ "$variable" != "$item" ] || invalid "env: the line for $variable has no '='"
    case $item in *"$cr"*) invalid "env: the value of $variable has a carriage return" ;; esac
    set -- "$@" -e "$item"
done

rest=$volumes
while [ -n "$rest" ]; do
    item=${rest%%,*}
    if [ "$item" = "$rest" ]; then rest=; else rest=${rest#*,}; fi
    mount=${item%:ro}
    source_path=${mount%%:*}
    target_path=${mount#*:}
    if [ "$source_path" = "$mount" ] || ! is_path "$source_path" || ! is_path "$target_path"; then
        invalid "volumes: '$item' is not /host/path:/container/path (optionally :ro)"
    fi
    set -- "$@" -v "$item"
done

set -- "$@" "$image"

# One container argument per line, passed as it is.
rest=$args
while [ -n "$rest" ]; do
    item=${rest%%"$nl"*}
    if [ "$item" = "$rest" ]; then rest=; else rest=${rest#*"$nl"}; fi
    [ -n "$item" ] || continue
    case $item in *"$cr"*) invalid "args: an argument has a carriage return" ;; esac
    set -- "$@" "$item"
done

log "deploy $deploy_id: $image as container $name on $host"

# ---- Steps. Functions below are called in if/|| context, where set -e is off: each checks itself.

# The digest of a local image, from its repository digests (this repository first).
repository_digest_of() {
    found=$(docker image inspect --format "${open}range .RepoDigests}}${open}println .}}${open}end}}" "$1") || return 0
    first=
    for reference in $found; do
        case $reference in
            "$registry/$repository"@*) printf '%s' "${reference##*@}"; return 0 ;;
            *@*) [ -n "$first" ] || first=${reference##*@} ;;
        esac
    done
    printf '%s' "$first"
}

# Only the container this run created, by its id: never one that merely has the name.
remove_new() {
    [ -n "$new_container" ] || return 0
    docker container stop "$new_container" || true
    docker container rm -f "$new_container"
}

# Puts the previous container back under its name, running again if it was running.
put_back() {
    docker container rename "$kept" "$name" || return 1
    if [ "$previous_running" = true ]; then
        docker container start "$name" || return 1
    fi
    log "put back: $kept is $name again"
}

# A failure after the previous container was set aside: remove the new one, put the previous back.
start_failed() {
    docker container logs --tail 30 "$new_container" || true
    remove_new || true
    if [ -n "$kept" ]; then
        put_back || finish rollback_failed 16 "$1; and $kept could not be put back as $name"
    fi
    finish start_failed 13 "$1"
}

check_health() {
    if [ -z "$health_url" ]; then
        log "no healthcheckUrl: healthy if still running, without restarts, after 10s"
        sleep 10
        state=$(docker container inspect --format "${open}.State.Running}} ${open}.RestartCount}}" "$name") || {
            health="container gone after 10s"
            return 1
        }
        if [ "$state" = "true 0" ]; then
            health="running after 10s"
            return 0
        fi
        health="not running steadily after 10s (running: ${state% *}, restarts: ${state#* })"
        return 1
    fi
    begin=$(date +%s)
    attempts=0
    while :; do
        attempts=$((attempts + 1))
        if code=$(curl -fsS --noproxy '*' --max-time "$health_timeout" -o /dev/null -w '%{http_code}' "$health_url"); then
            health="$code after $(($(date +%s) - begin))s"
            log "health check attempt $attempts: $health"
            return 0
        else
            status=$?
        fi
        elapsed=$(($(date +%s) - begin))
        log "health check attempt $attempts: HTTP ${code:-000}, curl exit $status, ${elapsed}s"
        if [ "$elapsed" -ge "$health_within" ]; then
            health="unhealthy after ${elapsed}s: HTTP ${code:-000}, curl exit $status ($attempts attempts)"
            return 1
        fi
        sleep "$health_interval"
    done
}

# Removes the -previous- containers older than the one just kept, and their images when unused.
remove_older_previous() {
    names=$(docker container ls -a --format "${open}.Names}}") || return 0
    for other in $names; do
        case $other in "$name"-previous-*) ;; *) continue ;; esac
        [ "$other" != "$kept" ] || continue
        other_image=$(docker container inspect --format "${open}.Image}}" "$other") || continue
        if docker container rm "$other"; then
            log "removed $other (older than $kept)"
            docker image rm "$other_image" || log "kept image $other_image: still in use"
        fi
    done
}

# 1. What runs now: read-only, so even a failed login reports the digest this host serves.
previous_image=
previous_running=false
if state=$(docker container inspect --format "${open}.Image}}|${open}.State.Running}}|${open}index .Config.Labels \"deckhand.digest\"}}" "$name"); then
    previous_image=${state%%|*}
    state=${state#*|}
    previous_running=${state%%|*}
    previous_digest=${state#*|}
    [ "$previous_digest" != '<no value>' ] || previous_digest=
    [ -n "$previous_digest" ] || previous_digest=$(repository_digest_of "$previous_image")
    log "now: $name runs image $previous_image (${previous_digest:-digest unknown}), running: $previous_running"
else
    log "now: no container named $name (first deploy on this host)"
fi

# 2. Already running this image: nothing to do, not even a login.
if [ "$previous_running" = true ] && local_image=$(docker image inspect --format "${open}.Id}}" "$image") &&
    [ "$local_image" = "$previous_image" ]; then
    finish unchanged 0 "$name already runs $digest"
fi

# 3. Log in with the instance profile and pull by digest, while the old container keeps serving.
docker_config=${DOCKER_CONFIG:-$HOME/.docker}
if grep -qs 'ecr-login' "$docker_config/config.json"; then
    log "docker uses the ECR credential helper ($docker_config/config.json): no docker login"
else
    password=$(aws ecr get-login-password --region "$region") ||
        finish login_failed 11 "aws ecr get-login-password failed (instance profile, ecr:GetAuthorizationToken)"
    printf '%s' "$password" | docker login --username AWS --password-stdin "$registry" ||
        finish login_failed 11 "docker login to $registry failed"
    password=
fi
docker pull --quiet "$image" || finish pull_failed 12 "docker pull $image failed"
new_image=$(docker image inspect --format "${open}.Id}}" "$image") || finish pull_failed 12 "pulled $image but docker cannot find it"
if [ "$previous_running" = true ] && [ "$new_image" = "$previous_image" ]; then
    finish unchanged 0 "$name already runs $digest"
fi

# 4. Set the old container aside under another name: renaming does not stop it, it keeps serving.
kept=
if [ -n "$previous_image" ]; then
    short=${previous_digest#sha256:}
    [ -n "$short" ] || short=${previous_image#sha256:}
    kept=$name-previous-$(printf '%.12s' "$short")
    if docker container inspect --format "${open}.Id}}" "$kept" >/dev/null; then
        log "removing an older $kept first"
        docker container rm -f "$kept" || finish start_failed 13 "an older $kept is in the way and cannot be removed"
    fi
    docker container rename "$name" "$kept" || finish start_failed 13 "could not rename $name to $kept"
fi

# 5. Create the new container while the old one still serves: a bad flag, env file or volume
#    fails here, before anything is stopped.
if ! new_container=$(docker "$@"); then
    new_container=
    if [ -n "$kept" ]; then
        docker container rename "$kept" "$name" || finish rollback_failed 16 "docker create failed; and $kept could not be renamed back to $name"
    fi
    finish start_failed 13 "docker create failed; nothing was stopped"
fi

# 6. Stop the old one only now: published ports cannot be shared, and two copies must not share volumes.
if [ -n "$kept" ] && [ "$previous_running" = true ]; then
    docker container stop "$kept" || start_failed "could not stop $kept"
fi

# 7. Start the new one.
log "created $name: $new_container"
docker container start "$name" || start_failed "docker start $name failed"
log "started $name from $digest"

# 8. Health: keep it, or put the previous one back.
if check_health; then
    [ -z "$kept" ] || remove_older_previous
    finish deployed 0 "$name runs $digest${kept:+; $kept kept for rollback}"
fi
log "last lines of the new container:"
docker container logs --tail 30 "$new_container" || true
remove_new || log "could not remove the new $name"
if [ -z "$kept" ]; then
    finish unhealthy_no_previous 15 "$name is unhealthy and was removed; there was no previous container to put back"
fi
put_back || finish rollback_failed 16 "$name is unhealthy; and $kept could not be put back"
finish unhealthy_rolled_back 14 "$name is unhealthy and was removed; the previous container is back"
