package dev.sessionbroker.adapter.infiniteblue;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import tools.jackson.databind.JsonNode;

/**
 * An Infinite Blue answer in either of its forms: {@code {"status":"ok","sessionId":…}} or
 * {@code <resp status="ok"><sessionId>…</sessionId></resp>}. The XML form is what a server
 * that ignores {@code output=json} sends, as XML is the documented default.
 *
 * @param status the {@code status} attribute or field, null when absent
 * @param sessionId the session ID, trimmed (the doc's own XML sample pads it with a space)
 * @param message the failure text, where the answer carries one
 */
record InfiniteBlueReply(@Nullable String status, @Nullable String sessionId, @Nullable String message) {

    static InfiniteBlueReply fromJson(JsonNode json) {
        return new InfiniteBlueReply(text(json.path("status").asString(null)),
                text(json.path("sessionId").asString(null)),
                text(json.path("message").asString(json.path("err").asString(null))));
    }

    /** @throws IllegalArgumentException when the bytes are not acceptable XML */
    static InfiniteBlueReply fromXml(byte[] body) {
        Element root = parse(body).getDocumentElement();
        if (!"resp".equals(root.getTagName())) {
            throw new IllegalArgumentException("root element is not <resp>");
        }
        String message = firstText(root, "err");
        return new InfiniteBlueReply(text(root.getAttribute("status")), firstText(root, "sessionId"),
                (message != null) ? message : firstText(root, "message"));
    }

    static boolean looksLikeXml(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return b == '<';
            }
        }
        return false;
    }

    /**
     * A vendor answer is untrusted input: no DTD at all, so no external entity (XXE) and no
     * entity expansion bomb can reach us.
     */
    private static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // Silences the parser's default "[Fatal Error]" line on stderr: the caller reports.
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body));
        }
        catch (ParserConfigurationException | SAXException | IOException ex) {
            throw new IllegalArgumentException((ex.getMessage() != null && ex.getMessage().contains("DOCTYPE"))
                    ? "DOCTYPE is not allowed" : "malformed XML", ex);
        }
    }

    private static @Nullable String firstText(Element root, String tag) {
        NodeList nodes = root.getElementsByTagName(tag);
        return (nodes.getLength() > 0) ? text(nodes.item(0).getTextContent()) : null;
    }

    private static @Nullable String text(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }
}
