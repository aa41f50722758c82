from django import template

from apps.site.shell import render_part

register = template.Library()


@register.simple_tag(takes_context=True)
def shell_part(context, template_name):
    """The include ``template_name`` of base.html, rendered once where it can (apps/site/shell.py)."""
    return render_part(template_name, context)
