package chat.attachment.web;

import chat.attachment.attachments.Attachment;
import chat.attachment.messages.MessageFacts;
import chat.attachment.upload.AttachmentUpload;
import chat.common.files.FileLinks;
import chat.common.security.ChatCaller;
import chat.common.web.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/conversations/{c}/messages/{m}/attachments/} with the file in the multipart
 * field {@code file}. The body is read as a stream, part by part: the file goes to the store as
 * it arrives, never to a temporary file or whole into memory.
 */
@RestController
class AttachmentController {

    static final String FIELD = "file";

    /**
     * The most bytes a part's headers may take. Commons FileUpload bounds them (512 by default) so
     * that a body of endless header lines cannot exhaust memory; 2 KiB still lets a file name of
     * 255 characters in any script (up to 765 bytes of UTF-8) through with the usual headers.
     */
    static final int MAX_PART_HEADER_BYTES = 2048;

    private final AttachmentUpload upload;
    private final FileLinks links;

    AttachmentController(AttachmentUpload upload, FileLinks links) {
        this.upload = upload;
        this.links = links;
    }

    @PostMapping({
        "/api/conversations/{conversation}/messages/{message}/attachments",
        "/api/conversations/{conversation}/messages/{message}/attachments/"
    })
    @Operation(
            operationId = "uploadAttachment",
            summary = "Attaches a file to a message: its sender's, or staff's (spec A.3.3, B.11)",
            description = "At most 10 MB (10,485,760 bytes); `.jpg`, `.jpeg`, `.png`, `.mp4`, `.mov`, `.webp`,"
                    + " `.gif`, `.heic` or `.avif`, in any case, and the file's leading bytes must be of that format;"
                    + " at most 10 attachments per message; not on a deleted message.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "multipart/form-data",
                                            schema = @Schema(types = "object", requiredProperties = FIELD),
                                            schemaProperties =
                                                    @SchemaProperty(
                                                            name = FIELD,
                                                            schema = @Schema(types = "string", format = "binary")))))
    @ApiResponse(responseCode = "201", description = "The stored attachment", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "The other participant's message (spec B.5, B.11)")
    @ApiResponse(responseCode = "408", description = "The file took too long to arrive")
    ResponseEntity<AttachmentView> attach(
            ChatCaller caller,
            @PathVariable long conversation,
            @PathVariable("message") long messageId,
            HttpServletRequest request)
            throws Exception {
        MessageFacts message = upload.target(caller, conversation, messageId);
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw new ResponseStatusException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the file as multipart/form-data, in the field 'file'.");
        }
        FileItemInputIterator parts = parser().getItemIterator(request);
        while (parts.hasNext()) {
            FileItemInput part = parts.next();
            if (FIELD.equals(part.getFieldName()) && !part.isFormField()) {
                try (InputStream content = part.getInputStream()) {
                    Attachment attachment = upload.upload(caller, message, FileNames.of(part), content);
                    return ResponseEntity.status(HttpStatus.CREATED).body(AttachmentView.of(attachment, links));
                }
            }
        }
        throw InvalidRequest.of(FIELD, "No file was submitted.");
    }

    /**
     * A streaming parser: parts are read one at a time as the client sends them. Its limits on
     * the whole body and on each file stay off, since the gateway bounds the body and
     * {@code AttachmentUpload} counts the file itself, to answer with what was too large.
     */
    static JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> parser() {
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> parser = new JakartaServletFileUpload<>();
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        parser.setMaxPartHeaderSize(MAX_PART_HEADER_BYTES);
        return parser;
    }
}
