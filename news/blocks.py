from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class LabelledImageBlock(ImageBlock):
    """Wagtail's image block with alt text, with its chooser labelled in Vietnamese too.

    ``ImageBlock`` builds its own child blocks without labels, so the chooser would show
    the English "Image" derived from the child's name.
    """

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        self.child_blocks["image"].label = _("Image file")


class CaptionedImageBlock(blocks.StructBlock):
    image = LabelledImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=500, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=255, label=_("Photo credit"))

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "news/blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, max_length=255, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "news/blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Link text"),
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "news/blocks/document_link_block.html"


class NewsBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Text"),
        template="news/blocks/paragraph_block.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label=_("Embedded media"),
        help_text=_("A link to a video or post, e.g. on YouTube."),
        template="news/blocks/embed_block.html",
    )
    document = DocumentLinkBlock()
