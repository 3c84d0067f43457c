#!/usr/bin/env bash
# The one publish command of the images: every Dockerfile in this folder runs it in its build stage,
# and the deployment tests run it to check the published output starts as the image would start it.
#
#   deploy/images/publish.sh <project> <output directory>     e.g. Moderation.Api /app
#
# Framework-dependent (the final image carries the ASP.NET Core or .NET runtime, no SDK), Release,
# no apphost (the image starts `dotnet <project>.dll`). Otherwise the properties of `dotnet build -c
# Release`, so that after a build of the solution publishing compiles nothing again.
set -euo pipefail
if (($# != 2)); then
  echo "usage: $0 <project: Moderation.Api | Moderation.Scanner | Moderation.Notifier | Moderation.Cli> <output directory>" >&2
  exit 2
fi
project=$1 output=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
csproj=$root/services/$project/$project.csproj
if [[ ! -f $csproj ]]; then
  echo "publish.sh: no project $csproj (expected one of services/*)" >&2
  exit 2
fi
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
exec dotnet publish "$csproj" -c Release -o "$output" --nologo -p:UseAppHost=false
