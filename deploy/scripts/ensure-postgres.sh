#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers at ${PGHOST:-127.0.0.1}:${PGPORT:-5432} for user postgres
# with trust auth, as the tests and the local launcher expect. Installs it from Debian's
# packages if missing (needs root), starts the cluster if it is down.
set -euo pipefail
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}

ready() { pg_isready -h "$host" -p "$port" -q 2>/dev/null; }

if command -v pg_isready >/dev/null && ready; then
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is not installed and this is not root: install PostgreSQL 15 (apt-get install postgresql) or set PGHOST/PGPORT." >&2
    exit 1
  fi
  echo "installing PostgreSQL from Debian packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
conf=/etc/postgresql/$version/main
# trust auth on loopback for the postgres user, as on the developer machines
if [ -w "$conf/pg_hba.conf" ] && ! grep -qE '^host\s+all\s+all\s+127.0.0.1/32\s+trust' "$conf/pg_hba.conf"; then
  sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$conf/pg_hba.conf"
fi
echo "starting PostgreSQL $version..."
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
for _ in $(seq 1 30); do
  ready && exit 0
  sleep 1
done
echo "PostgreSQL did not come up at $host:$port; see /var/log/postgresql/" >&2
exit 1
