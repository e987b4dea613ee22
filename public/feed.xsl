<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS 2.0 or Atom 1.0 feed as a readable page when it is opened in a browser. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="atom dc">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="lang" select="(rss/channel/language | atom:feed/@xml:lang)[1]"/>
    <xsl:variable name="title" select="(rss/channel/title | atom:feed/atom:title)[1]"/>
    <xsl:variable name="self" select="(rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href)[1]"/>
    <xsl:variable name="home" select="(rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href)[1]"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <link rel="stylesheet" href="/style.css"/>
      </head>
      <body>
        <header>
          <p class="about">
            This is a web feed. Copy its address into a feed reader (NetNewsWire, Feedly,
            Thunderbird, newsboat, Miniflux...) to get new stories as they are published.
            เว็บฟีดนี้ใช้กับโปรแกรมอ่านฟีด: คัดลอกที่อยู่นี้ไปวางในโปรแกรมเพื่อรับข่าวใหม่โดยอัตโนมัติ
          </p>
          <p class="feed-address"><code><xsl:value-of select="$self"/></code></p>
          <h1><xsl:value-of select="$title"/></h1>
          <p><a href="{$home}">Website</a></p>
        </header>
        <main>
          <ol class="stories">
            <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
      <p class="meta"><xsl:value-of select="pubDate"/> · <xsl:value-of select="dc:creator"/></p>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute></xsl:if>
      <h2><a href="{atom:link[not(@rel) or @rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
      <p class="meta"><xsl:value-of select="substring(atom:published, 1, 10)"/> · <xsl:value-of select="atom:author/atom:name"/></p>
    </li>
  </xsl:template>
</xsl:stylesheet>
