# Builds the dsr-desk binary and a slim runtime image (used by docker-compose.yml).
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src src
# Embedded at compile time: migrations, page and email templates, translations, the stylesheet.
COPY migrations migrations
COPY templates templates
COPY locales locales
COPY static static
RUN cargo build --release --locked

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /app dsr
WORKDIR /app
COPY --from=build /src/target/release/dsr-desk /usr/local/bin/dsr-desk
COPY config config
USER dsr
EXPOSE 8080
CMD ["dsr-desk", "serve"]
