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
USER node
CMD ["node", "scripts/start.js"]
