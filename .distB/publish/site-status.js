import { siteUrls } from '../core/routes.js';
/** The site described by the configuration, at `baseUrl`. */
export function siteFromConfig(config, baseUrl) {
    return {
        title: config.site.title,
        description: config.site.description,
        language: config.site.language,
        author: config.site.author,
        baseUrl,
        id: config.site.id ?? siteUrls(baseUrl).home,
        itemLimit: config.itemLimit,
        maxAge: config.maxAge,
        hubs: config.websubHubs,
        feedContent: config.feedContent,
    };
}
//# sourceMappingURL=site-status.js.map