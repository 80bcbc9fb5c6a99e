# Finds the processes a run of bin/test or bin/bench started and left running. Each run marks what it starts with
# an environment variable of its own, which every process below it inherits (Maven, the test JVMs, Payara Micro,
# PostgreSQL started through pg_ctl, ChromeDriver and Chromium), whoever its parent is by the end.
# Sourced by bin/test and bin/bench.

# A marker unique to this run, to pass to what the run starts as OWN_PROCESSES_MARK=<it>.
own_processes_mark() {
  printf 'crmkit-%s-%s' "$$" "$(date +%s%N)"
}

# The process ids (one a line) of the processes whose environment holds OWN_PROCESSES_MARK=$1.
own_processes() {
  local mark="OWN_PROCESSES_MARK=$1" environ pid
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}
    pid=${pid%/environ}
    [ "$pid" = "$$" ] && continue
    if { tr '\0' '\n' < "$environ"; } 2>/dev/null | grep -qxF "$mark"; then
      echo "$pid"
    fi
  done
}

# Waits up to $2 seconds for the processes of mark $1 to end; then lists those still running, stops them (TERM, then
# KILL) and answers non-zero. Answers zero when none is left.
stop_leftovers() {
  local mark=$1 grace=${2:-20} waited=0 left
  left=$(own_processes "$mark")
  while [ -n "$left" ] && [ "$waited" -lt "$grace" ]; do
    sleep 1
    waited=$((waited + 1))
    left=$(own_processes "$mark")
  done
  [ -z "$left" ] && return 0
  echo "These processes of the run were still running ${grace} s after it ended, and are stopped now:" >&2
  for pid in $left; do
    ps -o pid=,etime=,args= -p "$pid" 2>/dev/null | cut -c1-240 >&2 || true
  done
  kill $left 2>/dev/null || true
  sleep 5
  left=$(own_processes "$mark")
  [ -n "$left" ] && kill -9 $left 2>/dev/null || true
  return 1
}
