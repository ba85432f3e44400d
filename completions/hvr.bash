# bash completion for hvr. Generated from the command list by `hvr completion bash`; do not edit.
# Use: source <(hvr completion bash), or copy this file to /etc/bash_completion.d/hvr.

_hvr_children() {
  case "$1" in
    '') echo 'audit auth completion delete help kv lease list login operator patch path-help policy print read replication secrets server status token ui unwrap version write' ;;
    'audit') echo 'disable enable list' ;;
    'auth') echo 'disable enable help list move tune' ;;
    'kv') echo 'delete destroy enable-versioning get list metadata patch put rollback undelete' ;;
    'kv metadata') echo 'delete get patch put' ;;
    'lease') echo 'lookup renew revoke' ;;
    'operator') echo 'generate-root init key-status members rekey rotate seal step-down unseal' ;;
    'policy') echo 'delete fmt list read write' ;;
    'print') echo 'token' ;;
    'replication') echo 'wait' ;;
    'secrets') echo 'disable enable list move tune' ;;
    'token') echo 'capabilities create inspect lookup renew revoke' ;;
  esac
}

_hvr_node() {
  case "$1" in
    'audit'|'audit disable'|'audit enable'|'audit list'|'auth'|'auth disable'|'auth enable'|'auth help'|'auth list'|'auth move'|'auth tune'|'completion'|'delete'|'help'|'kv'|'kv delete'|'kv destroy'|'kv enable-versioning'|'kv get'|'kv list'|'kv metadata'|'kv metadata delete'|'kv metadata get'|'kv metadata patch'|'kv metadata put'|'kv patch'|'kv put'|'kv rollback'|'kv undelete'|'lease'|'lease lookup'|'lease renew'|'lease revoke'|'list'|'login'|'operator'|'operator generate-root'|'operator init'|'operator key-status'|'operator members'|'operator rekey'|'operator rotate'|'operator seal'|'operator step-down'|'operator unseal'|'patch'|'path-help'|'policy'|'policy delete'|'policy fmt'|'policy list'|'policy read'|'policy write'|'print'|'print token'|'read'|'replication'|'replication wait'|'secrets'|'secrets disable'|'secrets enable'|'secrets list'|'secrets move'|'secrets tune'|'server'|'status'|'token'|'token capabilities'|'token create'|'token inspect'|'token lookup'|'token renew'|'token revoke'|'ui'|'unwrap'|'version'|'write') return 0 ;;
  esac
  return 1
}

_hvr_flags() {
  case "$1" in
    'audit disable'|'auth disable'|'auth help'|'auth move'|'operator seal'|'operator step-down'|'policy delete'|'policy write'|'print token'|'secrets disable'|'secrets move') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster' ;;
    'audit enable') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -description -path -local' ;;
    'audit list'|'auth list'|'list'|'secrets list') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -detailed' ;;
    'auth enable') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -description -path -default-lease-ttl -max-lease-ttl -plugin-name -local -seal-wrap -external-entropy-access -token-type -audit-non-hmac-request-keys -audit-non-hmac-response-keys -listing-visibility -passthrough-request-headers -allowed-response-headers -options -version -plugin-version' ;;
    'auth tune') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -default-lease-ttl -max-lease-ttl -description -token-type -audit-non-hmac-request-keys -audit-non-hmac-response-keys -listing-visibility -passthrough-request-headers -allowed-response-headers -options -version -plugin-version -user-lockout-threshold -user-lockout-duration -user-lockout-counter-reset-duration -user-lockout-disable' ;;
    'delete'|'kv enable-versioning'|'lease lookup'|'operator key-status'|'operator members'|'operator rotate'|'patch'|'read'|'unwrap') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -field' ;;
    'kv delete') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -field -versions -mount' ;;
    'kv destroy'|'kv undelete') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -versions -mount' ;;
    'kv get') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -field -version -mount' ;;
    'kv list'|'kv metadata get') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -mount' ;;
    'kv metadata delete') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -mount' ;;
    'kv metadata patch') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -max-versions -cas-required -delete-version-after -custom-metadata -remove-custom-metadata -mount' ;;
    'kv metadata put') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -max-versions -cas-required -delete-version-after -custom-metadata -mount' ;;
    'kv patch') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -field -cas -method -mount -remove-data' ;;
    'kv put') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -field -cas -mount' ;;
    'kv rollback') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -field -mount -version -delete-version-after' ;;
    'lease renew') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -field -increment' ;;
    'lease revoke') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -force -f -prefix -sync' ;;
    'login') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -field -method -path -no-store -no-print -token-only' ;;
    'operator generate-root') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -init -cancel -status -decode -generate-otp -dr-token -recovery-token -otp -pgp-key -nonce' ;;
    'operator init') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -status -key-shares -n -key-threshold -t -pgp-keys -root-token-pgp-key -stored-shares -recovery-shares -recovery-threshold -recovery-pgp-keys' ;;
    'operator rekey') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -init -cancel -status -key-shares -n -key-threshold -t -target -verify -nonce -pgp-keys -backup -backup-delete -backup-retrieve' ;;
    'operator unseal') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -reset -migrate' ;;
    'path-help'|'policy list'|'policy read'|'status'|'token capabilities') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format' ;;
    'replication wait') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -state -timeout -interval' ;;
    'secrets enable') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -description -path -default-lease-ttl -max-lease-ttl -force-no-cache -plugin-name -local -seal-wrap -external-entropy-access -audit-non-hmac-request-keys -audit-non-hmac-response-keys -listing-visibility -passthrough-request-headers -allowed-response-headers -options -version -plugin-version' ;;
    'secrets tune') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -default-lease-ttl -max-lease-ttl -description -audit-non-hmac-request-keys -audit-non-hmac-response-keys -listing-visibility -passthrough-request-headers -allowed-response-headers -options -version -plugin-version' ;;
    'server') echo '-config -log-level -dev -dev-root-token-id -dev-listen-address -dev-no-store-token -dev-kv-v1' ;;
    'token create') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -field -id -display-name -ttl -explicit-max-ttl -period -renewable -orphan -no-default-policy -use-limit -role -type -metadata -policy -entity-alias' ;;
    'token inspect') echo '-format -offline' ;;
    'token lookup') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -field -accessor' ;;
    'token renew') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -accessor -increment -i' ;;
    'token revoke') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -accessor -self -mode' ;;
    'ui') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -listen-address' ;;
    'write') echo '-address -ca-cert -ca-path -client-cert -client-key -namespace -ns -tls-server-name -tls-skip-verify -disable-redirects -wrap-ttl -policy-override -mfa -header -non-interactive -output-curl-string -output-policy -cluster -format -field -force -f' ;;
  esac
}

_hvr_values() {
  case "$1" in
    *:'-format') echo 'table json yaml pretty raw' ;;
    *:'-mode') echo 'orphan path' ;;
    *:'-state') echo 'stream-wals merkle-sync merkle-diff idle running primary secondary' ;;
    *:'-target') echo 'barrier recovery' ;;
    'login:-method') echo 'cert jwt token userpass' ;;
  esac
}

_hvr_takes_value() {
  case "$1" in
    *:'-address'|*:'-allowed-response-headers'|*:'-audit-non-hmac-request-keys'|*:'-audit-non-hmac-response-keys'|*:'-ca-cert'|*:'-ca-path'|*:'-cas'|*:'-client-cert'|*:'-client-key'|*:'-cluster'|*:'-config'|*:'-custom-metadata'|*:'-decode'|*:'-default-lease-ttl'|*:'-delete-version-after'|*:'-description'|*:'-dev-listen-address'|*:'-dev-root-token-id'|*:'-display-name'|*:'-entity-alias'|*:'-explicit-max-ttl'|*:'-field'|*:'-header'|*:'-i'|*:'-id'|*:'-increment'|*:'-interval'|*:'-key-shares'|*:'-key-threshold'|*:'-listen-address'|*:'-listing-visibility'|*:'-log-level'|*:'-max-lease-ttl'|*:'-max-versions'|*:'-metadata'|*:'-mfa'|*:'-mount'|*:'-n'|*:'-namespace'|*:'-nonce'|*:'-ns'|*:'-options'|*:'-otp'|*:'-passthrough-request-headers'|*:'-path'|*:'-period'|*:'-pgp-key'|*:'-pgp-keys'|*:'-plugin-name'|*:'-plugin-version'|*:'-policy'|*:'-recovery-pgp-keys'|*:'-recovery-shares'|*:'-recovery-threshold'|*:'-remove-custom-metadata'|*:'-remove-data'|*:'-role'|*:'-root-token-pgp-key'|*:'-stored-shares'|*:'-t'|*:'-timeout'|*:'-tls-server-name'|*:'-token-type'|*:'-ttl'|*:'-type'|*:'-use-limit'|*:'-user-lockout-counter-reset-duration'|*:'-user-lockout-duration'|*:'-user-lockout-threshold'|*:'-version'|*:'-versions'|*:'-wrap-ttl'|'kv patch:-method') return 0 ;;
  esac
  return 1
}

_hvr_args() {
  case "$1" in
    'completion') echo 'bash zsh fish' ;;
    'delete'|'patch'|'read'|'write') echo 'sys/replication/status sys/replication/reindex sys/replication/merkle-check sys/replication/dr/status sys/replication/dr/primary/enable sys/replication/dr/primary/demote sys/replication/dr/primary/disable sys/replication/dr/primary/secondary-token sys/replication/dr/primary/revoke-secondary sys/replication/dr/primary/zero-rpo sys/replication/dr/secondary/enable sys/replication/dr/secondary/disable sys/replication/dr/secondary/promote sys/replication/dr/secondary/update-primary sys/replication/dr/secondary/generate-public-key sys/replication/dr/secondary/operation-token/delete sys/replication/dr/secondary/reindex sys/replication/dr/secondary/merkle-check sys/replication/dr/secondary/generate-operation-token/attempt sys/replication/dr/secondary/generate-operation-token/update sys/replication/performance/status' ;;
    'help') echo 'audit auth completion delete help kv lease list login operator patch path-help policy print read replication secrets server status token ui unwrap version write' ;;
    'list') echo 'sys/replication/ sys/replication/dr/ sys/replication/dr/primary/ sys/replication/dr/secondary/ sys/replication/dr/secondary/operation-token/ sys/replication/dr/secondary/generate-operation-token/ sys/replication/performance/' ;;
  esac
}

_hvr() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" w next i
  (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
  for (( i = 1; i < COMP_CWORD; i++ )); do
    w="${COMP_WORDS[i]}"
    [[ $w == -* || $w == = ]] && continue
    next="${cmd:+$cmd }$w"
    if _hvr_node "$next"; then cmd="$next"; else break; fi
  done
  COMPREPLY=()
  # -flag=value: bash splits at "=", so the flag is one or two words back.
  if [[ $cur == = ]]; then
    COMPREPLY=( $(compgen -W "$(_hvr_values "$cmd:$prev")" -- "") )
    return 0
  fi
  if [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
    COMPREPLY=( $(compgen -W "$(_hvr_values "$cmd:${COMP_WORDS[COMP_CWORD-2]}")" -- "$cur") )
    return 0
  fi
  if [[ $cur == -*=* ]]; then
    local flag="${cur%%=*}"
    COMPREPLY=( $(compgen -P "$flag=" -W "$(_hvr_values "$cmd:$flag")" -- "${cur#*=}") )
    return 0
  fi
  if [[ $prev == -* ]]; then
    local values
    values="$(_hvr_values "$cmd:$prev")"
    if [[ -n $values ]]; then
      COMPREPLY=( $(compgen -W "$values" -- "$cur") )
      return 0
    fi
    _hvr_takes_value "$cmd:$prev" && return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=( $(compgen -W "$(_hvr_flags "$cmd")" -- "$cur") )
    return 0
  fi
  local words
  words="$(_hvr_children "$cmd")"
  [[ -z $words ]] && words="$(_hvr_args "$cmd")"
  case "$cmd" in
    'auth disable'|'auth tune'|'delete'|'kv delete'|'kv get'|'kv list'|'kv metadata get'|'kv patch'|'kv put'|'list'|'patch'|'policy delete'|'policy read'|'read'|'secrets disable'|'secrets tune'|'write')
      # Paths from the live node (or the embedded one); __complete gives up after 5s.
      words="$words $(hvr __complete "$cmd" "$cur" 2>/dev/null)"
      COMPREPLY=( $(compgen -W "$words" -- "$cur") )
      [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]] && compopt -o nospace 2>/dev/null
      return 0 ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  return 0
}

complete -F _hvr hvr
