package io.crmkit.whatsapp.testing;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small but real files of every attachment format, and impostors, for tests. */
public final class SampleFiles {
    private SampleFiles() {
    }

    public static byte[] jpeg() {
        return image("jpg");
    }

    public static byte[] png() {
        return image("png");
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0x25D366);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    /** A one-page PDF that readers open. */
    public static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The header of an OLE2 compound file, as Word 97–2003 writes it, and an empty first sector. */
    public static byte[] doc() {
        ByteBuffer file = ByteBuffer.allocate(1024);
        file.put(new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
        return file.array();
    }

    /** A Word package: content types and the main document part. */
    public static byte[] docx() {
        return zip("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                + "<w:body><w:p><w:r><w:t>Quote</w:t></w:r></w:p></w:body></w:document>");
    }

    /** A ZIP that is not a Word document. */
    public static byte[] plainZip() {
        return zip("notes.txt", "not a document");
    }

    private static byte[] zip(String part, String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(part));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    /** An ID3v2 tag followed by one MPEG-1 layer III frame header. */
    public static byte[] mp3() {
        ByteBuffer file = ByteBuffer.allocate(512);
        file.put("ID3".getBytes(StandardCharsets.US_ASCII)).put(new byte[]{3, 0, 0, 0, 0, 0, 0});
        file.put(new byte[]{(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64});
        return file.array();
    }

    /** An MPEG-1 layer III frame without tag, as some encoders write. */
    public static byte[] mp3WithoutTag() {
        ByteBuffer file = ByteBuffer.allocate(512);
        file.put(new byte[]{(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64});
        return file.array();
    }

    /** An ISO base media file: the {@code ftyp} box of an MP4 and an empty {@code mdat}. */
    public static byte[] mp4() {
        return mediaFile("isom");
    }

    /** A QuickTime movie, which WhatsApp does not take as MP4. */
    public static byte[] quickTime() {
        return mediaFile("qt  ");
    }

    private static byte[] mediaFile(String brand) {
        ByteBuffer file = ByteBuffer.allocate(64);
        file.putInt(24).put("ftyp".getBytes(StandardCharsets.US_ASCII)).put(brand.getBytes(StandardCharsets.US_ASCII))
                .putInt(0x200).put("isommp41".getBytes(StandardCharsets.US_ASCII));
        file.putInt(8).put("mdat".getBytes(StandardCharsets.US_ASCII));
        return file.array();
    }

    /** The start of a Windows executable: what a renamed ".pdf" from a phishing mail really is. */
    public static byte[] executable() {
        ByteBuffer file = ByteBuffer.allocate(256);
        file.put("MZ".getBytes(StandardCharsets.US_ASCII)).put(new byte[]{(byte) 0x90, 0, 3, 0, 0, 0, 4, 0});
        file.position(0x80);
        file.put("PE\0\0".getBytes(StandardCharsets.US_ASCII));
        return file.array();
    }
}
