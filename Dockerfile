# One image for the four services (the gateway also serves the web app from web/dist);
# docker-compose.yml picks the entry point of each.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/docs/asyncapi.json ./docs/asyncapi.json
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/package.json ./
# Where docker-compose's broker-users service writes the broker's users (a volume that takes
# this directory's owner when first mounted, so that it runs as node, not root).
RUN mkdir /app/broker-definitions && chown node /app/broker-definitions
USER node
CMD ["node", "scripts/start.js"]
