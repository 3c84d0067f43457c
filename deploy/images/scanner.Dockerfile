# syntax=docker/dockerfile:1
# The Scanner's image (worker; serves only health and metrics over HTTP). Build from the repository root:
#   docker build -f deploy/images/scanner.Dockerfile -t moderation/scanner .
# The build stage publishes with deploy/images/publish.sh (the command the deployment tests run too);
# the final stage holds the runtime and the published files only, and runs as the non-root user
# 'app' (UID 1654) of the .NET images. Nothing is written below / at run time: mount an empty
# volume at /tmp, and the root filesystem can be read-only.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN deploy/images/publish.sh Moderation.Scanner /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
# Owned by root: the app user can read the files and change none of them.
COPY --from=build /out/ ./
ENV DOTNET_EnableDiagnostics=0 \
    ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER 1654:1654
ENTRYPOINT ["dotnet", "Moderation.Scanner.dll"]
