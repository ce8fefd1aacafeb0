#!/usr/bin/env bash
# Creates the TEST PKI of the EgiszBus samples with OpenSSL and the reference GOST engine (libengine-gost-openssl):
# a root CA «Тестовый УЦ EgiszBus» and signer certificates for the two sample doctors and the sample organisation,
# all GOST R 34.10-2012 256 (CryptoPro-A parameter set), valid 2025-01-01 .. 2035-12-31.
# TEST keys of fictitious people: never use them for anything real. Re-running replaces every file.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
engine=/usr/lib/x86_64-linux-gnu/engines-3/gost.so
if [[ ! -f "$engine" ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q libengine-gost-openssl
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
: > "$work/index.txt"
cat > "$work/openssl.cnf" <<CNF
openssl_conf = openssl_def
[openssl_def]
engines = engine_section
[engine_section]
gost = gost_section
[gost_section]
engine_id = gost
dynamic_path = $engine
default_algorithms = ALL
[req]
distinguished_name = req_dn
string_mask = utf8only
[req_dn]
[ca]
default_ca = ca_default
[ca_default]
database = $work/index.txt
new_certs_dir = $work
rand_serial = yes
policy = policy_any
unique_subject = no
copy_extensions = none
[policy_any]
commonName = supplied
[ext_ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ext_signer]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = emailProtection,1.2.643.2.2.34.6
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
export OPENSSL_CONF="$work/openssl.cnf"

start=20250101000000Z
end=20351231235959Z
org='ГБУЗ «Городская поликлиника № 1»'
position='врач клинической лабораторной диагностики'

key() { openssl genpkey -algorithm gost2012_256 -pkeyopt paramset:A -out "$1"; }

# $1 key, $2 subject, $3 output, $4 extensions section, $5.. extra options of `openssl ca`
issue() {
  local keyfile="$1" subject="$2" out="$3" section="$4"; shift 4
  openssl req -new -key "$keyfile" -md_gost12_256 -utf8 -subj "$subject" -out "$work/req.csr"
  openssl ca -batch -utf8 -preserveDN -notext -md md_gost12_256 -startdate "$start" -enddate "$end" \
    -extfile "$OPENSSL_CONF" -extensions "$section" -in "$work/req.csr" -out "$out" "$@" 2>/dev/null
}

mkdir -p "$here/doctors"
key "$here/ca.key.pem"
issue "$here/ca.key.pem" "/C=RU/O=EgiszBus/CN=Тестовый УЦ EgiszBus" "$here/ca.pem" ext_ca -selfsign -keyfile "$here/ca.key.pem"

doctor() { # $1 SNILS digits, $2 surname, $3 given names
  key "$here/doctors/$1.key.pem"
  issue "$here/doctors/$1.key.pem" \
    "/C=RU/O=$org/title=$position/SN=$2/GN=$3/CN=$2 $3/1.2.643.100.3=$1" \
    "$here/doctors/$1.pem" ext_signer -cert "$here/ca.pem" -keyfile "$here/ca.key.pem"
}
doctor 23456789099 'Сидорова' 'Анна Викторовна'
doctor 34567890123 'Кузнецов' 'Олег Игоревич'

key "$here/organization.key.pem"
issue "$here/organization.key.pem" "/C=RU/O=$org/CN=$org/1.2.643.100.1=1027700000001" \
  "$here/organization.pem" ext_signer -cert "$here/ca.pem" -keyfile "$here/ca.key.pem"

for f in "$here/ca.pem" "$here"/doctors/*[0-9].pem "$here/organization.pem"; do
  openssl verify -CAfile "$here/ca.pem" "$f" >/dev/null
  echo "$(basename "$f"): $(openssl x509 -in "$f" -noout -subject -nameopt utf8,sep_comma_plus)"
done
